using AudioPlatform.Similarity;

namespace AudioPlatform.Library.Model;

/// <summary>A neighbour of a track in its owner's library: cosine of the embeddings (−1..1) and what the two share.</summary>
public sealed record SimilarTrack(Track Track, double Score, IReadOnlyList<string> Reasons);

/// <summary>
/// Nearest neighbours by cosine within one user's analysed tracks, among embeddings of the same model version (a
/// retrained model's space is another space). The reasons come from <see cref="SimilarityExplainer"/>, rebuilt from
/// what the library stored, so they read the same wherever similarity is explained.
/// </summary>
public sealed class SimilaritySearch(ITrackRepository tracks)
{
    public const int MaxLimit = 50;

    /// <summary>Why a track has no neighbours to offer; null when it can be compared.</summary>
    public static string? CannotCompare(Track track) => track switch
    {
        { Status: not TrackStatus.Analyzed } => "The track is not analysed yet; similar tracks are found once it is.",
        { Analysis: not { Embedding.Length: > 0 } } =>
            "The track's analysis has no similarity embedding (the classifiers could not use its features); re-analyse it to try again.",
        _ => null,
    };

    /// <summary>Whether an embedding can be compared with the analysis's: the same model version and length (a retrained model's space is another space).</summary>
    public static bool SameSpace(TrackAnalysis analysis, string? modelVersion, float[] embedding) =>
        embedding.Length > 0 && modelVersion == analysis.ModelVersion && embedding.Length == analysis.Embedding.Length;

    public async Task<IReadOnlyList<SimilarTrack>> FindAsync(Track track, int limit, CancellationToken cancellationToken)
    {
        var analysis = track.Analysis!;
        var candidates = await tracks.ListEmbeddingsAsync(track.UserId, cancellationToken);
        var nearest = candidates
            .Where(c => c.TrackId != track.Id && SameSpace(analysis, c.ModelVersion, c.Embedding))
            .Select(c => (c.TrackId, Score: Embeddings.Cosine(analysis.Embedding, c.Embedding)))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.TrackId)
            .Take(limit)
            .ToList();

        var profile = Profile(track);
        var matches = new List<SimilarTrack>(nearest.Count);
        foreach (var (id, score) in nearest)
        {
            // A neighbour deleted since the embeddings were listed is simply left out.
            // A track whose labels are unknown (unlike the music the models know) still has an embedding to compare.
            if (await tracks.GetAsync(track.UserId, id, cancellationToken) is { Analysis.Embedding.Length: > 0 } neighbour)
            {
                matches.Add(new SimilarTrack(neighbour, Math.Round(score, 4), SimilarityExplainer.Reasons(profile, Profile(neighbour))));
            }
        }

        return matches;
    }

    /// <summary>The track as the explainer compares it, from the typed fields; a missing measurement never reads as a shared one.</summary>
    private static TrackProfile Profile(Track track) => new(track.Analysis!.Facts(), track.Analysis.Classification(), track.Analysis.Embedding);
}
