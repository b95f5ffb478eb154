using AudioPlatform.Similarity;

namespace AudioPlatform.Library.Model;

/// <summary>One of the user's tracks whose genre or mood they set themselves (source <c>user</c>), with its embedding.</summary>
/// <param name="Genre">The genre they gave, null when they corrected only the mood.</param>
/// <param name="Mood">The mood they gave, null when they corrected only the genre.</param>
public sealed record LabelledTrack(Guid TrackId, float[] Embedding, string? ModelVersion, string? Genre, string? Mood);

/// <summary>
/// What the owner's own genre and mood corrections say about a track: each facet null when they gave fewer than
/// <see cref="LearnedLabels.MinLabels"/> different labels of it on their other tracks.
/// </summary>
public sealed record LearnedLabelsDto(LearnedLabel? Genre, LearnedLabel? Mood);

/// <summary>
/// One facet learned from the owner's corrections: the most likely of their labels (<c>name</c>, <c>confidence</c> 0..1,
/// <c>runnerUp</c>), or <c>notSure</c> saying why none is named. <c>basedOn</c> is how many of their tracks labelled this
/// facet the model learned from. <c>corrected</c>: the owner set this track's value themselves, and <c>name</c> is it
/// (confidence 1), not a prediction.
/// </summary>
public sealed record LearnedLabel(string? Name, double? Confidence, string? RunnerUp, int BasedOn, string? NotSure, bool Corrected);

/// <summary>
/// Fits the owner's <see cref="PersonalLabelModel"/> per facet on their other tracks' corrections and predicts one track.
/// Fitting is storing a few unit vectors and a prediction one dot product per labelled track, so nothing is cached.
/// </summary>
public static class LearnedLabels
{
    /// <summary>With one label there is nothing to tell it from: the model needs two different ones to compare.</summary>
    public const int MinLabels = 2;

    /// <summary>
    /// The track's learned labels from <paramref name="labelled"/> (the owner's labelled tracks); null when neither facet
    /// has enough labels, or the track has no embedding to compare.
    /// </summary>
    public static LearnedLabelsDto? For(Track track, IReadOnlyList<LabelledTrack> labelled)
    {
        if (track.Analysis is not { Embedding.Length: > 0 } analysis)
        {
            return null;
        }

        // Only the same model version's embeddings are comparable, and the track's own correction is not evidence about it.
        var examples = labelled
            .Where(other => other.TrackId != track.Id && other.ModelVersion == analysis.ModelVersion && other.Embedding.Length == analysis.Embedding.Length)
            .ToList();
        var genre = Facet(analysis.Embedding, examples.Where(e => e.Genre is not null).Select(e => new LabelledExample(e.Embedding, e.Genre!)),
            OwnLabel(track.Corrections?.Genre));
        var mood = Facet(analysis.Embedding, examples.Where(e => e.Mood is not null).Select(e => new LabelledExample(e.Embedding, e.Mood!)),
            OwnLabel(track.Corrections?.Mood));
        return genre is null && mood is null ? null : new LearnedLabelsDto(genre, mood);
    }

    /// <summary>
    /// The track as the model's example: analysed, with an embedding and a genre or mood the owner set; null otherwise.
    /// The rule both stores apply to the tracks they read.
    /// </summary>
    public static LabelledTrack? LabelledOrNull(Track track) =>
        track is { Status: TrackStatus.Analyzed, Analysis: { Embedding.Length: > 0 } analysis }
        && (OwnLabel(track.Corrections?.Genre), OwnLabel(track.Corrections?.Mood)) is var (genre, mood)
        && (genre is not null || mood is not null)
            ? new LabelledTrack(track.Id, analysis.Embedding, analysis.ModelVersion, genre, mood)
            : null;

    /// <summary>The first label of a correction the owner made themselves (genre and mood hold one).</summary>
    public static string? OwnLabel(LabelCorrection? correction) =>
        correction is { Source: CorrectionSource.User, Value: [var first, ..] } ? first : null;

    private static LearnedLabel? Facet(float[] embedding, IEnumerable<LabelledExample> examples, string? own)
    {
        // The model refuses an all-zero or non-finite vector; one broken track must not hide what the others teach.
        var usable = examples.Where(example => example.Vector.All(float.IsFinite) && example.Vector.Any(value => value != 0)).ToList();
        if (usable.Select(example => example.Label).Distinct().Count() < MinLabels)
        {
            return null;
        }

        if (own is not null)
        {
            return new LearnedLabel(own, 1, null, usable.Count, null, Corrected: true);
        }

        var prediction = PersonalLabelModel.Fit(usable).Predict(embedding);
        return prediction.Label is { } label
            ? new LearnedLabel(label.Name, Math.Round(label.Confidence, 3), prediction.RunnerUp?.Name, usable.Count, null, Corrected: false)
            : new LearnedLabel(null, null, null, usable.Count, prediction.NotSureReason, Corrected: false);
    }
}
