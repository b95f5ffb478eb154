using AudioPlatform.Mixing;

namespace AudioPlatform.Library.Model;

/// <summary>
/// The Library's tracks as the Mixing library sees them (<see cref="MixTrack"/>: tempo, Camelot key, energy, embedding),
/// converted here only, and the reasons a track cannot take part, in words for the user.
/// </summary>
public static class MixingLibrary
{
    /// <summary>
    /// The track as mixing sees it; the embedding only when it has one. A track not analysed (or whose analysis found
    /// nothing) has unknown values, which the mixing rules never count as a match.
    /// </summary>
    public static MixTrack ToMixTrack(this Track track) => track.Analysis is { } a
        ? new MixTrack(track.Id, a.TempoBpm, a.Camelot, a.Energy, a.Embedding is { Length: > 0 } embedding ? embedding : null)
        : new MixTrack(track.Id, null, null, null);

    /// <summary>Why no track can be suggested after this one; null when it has the key and tempo suggestions start from.</summary>
    public static string? CannotSuggestNext(Track track) => track switch
    {
        { Status: not TrackStatus.Analyzed } => "The track is not analysed yet; next tracks are suggested once it is.",
        { Analysis.Camelot: var camelot } when !CamelotKey.TryParse(camelot, out _) =>
            $"The track has no key: {MissingBecause(track.Analysis!.KeyMissingReason, "the analysis found no tonal centre")}; suggestions need a key and a tempo.",
        { Analysis.TempoBpm: not > 0 } =>
            $"The track has no tempo: {MissingBecause(track.Analysis!.TempoMissingReason, "the analysis found no steady beat")}; suggestions need a key and a tempo.",
        _ => null,
    };

    /// <summary>
    /// The user's analysed tracks, as list rows (the summary view keeps the embedding and its model version): what
    /// suggestions, sets, mixes and paths choose from.
    /// </summary>
    public static Task<IReadOnlyList<Track>> ListAnalysedAsync(this ITrackRepository tracks, string userId, CancellationToken cancellationToken) =>
        tracks.ListMatchingAsync(userId, new TrackFilter { Status = nameof(TrackStatus.Analyzed) }, TrackView.Summary, cancellationToken);

    /// <summary>The tracks whose embeddings can be compared with <paramref name="seed"/>'s, as <see cref="SimilaritySearch"/> compares them.</summary>
    public static IEnumerable<Track> InSameSpaceAs(this IEnumerable<Track> tracks, Track seed) =>
        tracks.Where(t => t.Analysis is { } a && SimilaritySearch.SameSpace(seed.Analysis!, a.ModelVersion, a.Embedding));

    private static string MissingBecause(string? reason, string otherwise) =>
        string.IsNullOrWhiteSpace(reason) ? otherwise : char.ToLowerInvariant(reason[0]) + reason[1..].TrimEnd('.');
}
