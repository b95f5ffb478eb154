namespace AudioPlatform.Similarity;

/// <summary>
/// What the models say about one track: every label's calibrated probability, best first. Genres are exclusive
/// (softmax, they sum to 1); moods and instruments are independent yes/no models, so several (or none) can pass
/// <see cref="Threshold"/>. When <see cref="UnknownReason"/> is set the track is not music the models know: the
/// probabilities are kept for the similarity embedding, but no label is claimed.
/// </summary>
public sealed record TrackClassification(IReadOnlyList<LabelScore> Genres, IReadOnlyList<LabelScore> Moods, IReadOnlyList<LabelScore> Instruments, string? UnknownReason = null)
{
    /// <summary>Confidence from which a mood or instrument counts as present.</summary>
    public const double Threshold = 0.5;

    /// <summary>From this confidence the top genre is named (as a tag, in a description, as a shared genre).</summary>
    public const double NamedGenreConfidence = 0.4;

    public bool IsUnknown => UnknownReason is not null;

    /// <summary>The most probable genre; an empty label at 0 when there are none (a stored analysis the models did not know).</summary>
    public LabelScore TopGenre => Genres.Count > 0 ? Genres[0] : new LabelScore("", 0);

    /// <summary>The top genre when the track is known and the model gives it at least <paramref name="confidence"/>.</summary>
    public LabelScore? ConfidentGenre(double confidence) => !IsUnknown && TopGenre.Confidence >= confidence && TopGenre.Name.Length > 0 ? TopGenre : null;

    public IReadOnlyList<LabelScore> LikelyMoods => IsUnknown ? [] : Moods.Where(m => m.Confidence >= Threshold).ToList();

    public IReadOnlyList<LabelScore> LikelyInstruments => IsUnknown ? [] : Instruments.Where(m => m.Confidence >= Threshold).ToList();

    /// <summary>Probability of a label by name, 0 when unknown.</summary>
    public double Probability(string label) =>
        Genres.Concat(Moods).Concat(Instruments).FirstOrDefault(s => s.Name == label)?.Confidence ?? 0;

    /// <summary>A genre as a sentence says it: <c>drum-and-bass</c> is "drum and bass".</summary>
    public static string GenreName(string genre) => genre switch
    {
        "drum-and-bass" => "drum and bass",
        "hip-hop" => "hip-hop",
        _ => genre,
    };
}
