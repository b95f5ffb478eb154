using System.Globalization;
using System.Text;

namespace AudioPlatform.Similarity.Tagging;

/// <summary>
/// One paragraph of plain English from the analysis: character, tempo, genre, key, metre, instruments, moods and how it
/// is mastered, e.g. "A driving 128 BPM house track in A minor (8A) with drums, bass and synth. It feels energetic and
/// dark. Mastered loud at −7.9 LUFS (true peak −0.3 dBTP)." Only what was measured or predicted with confidence is said:
/// a less certain genre is "likely", an unsure one "somewhere between", and a track the models do not know
/// (<see cref="TrackClassification.UnknownReason"/>) is a "recording" whose genre, mood and instruments are unknown.
/// </summary>
public static class DescriptionWriter
{
    private static readonly (string Mood, string Adjective)[] Character =
    [
        ("aggressive", "relentless"), ("energetic", "driving"), ("uplifting", "uplifting"), ("dark", "brooding"),
        ("happy", "bright"), ("sad", "melancholic"), ("relaxed", "laid-back"), ("calm", "calm"),
    ];

    /// <summary>From this confidence a genre is named as the track's; between <see cref="TagBuilder.GenreConfidence"/> and it, "likely".</summary>
    public const double SureGenreConfidence = 0.6;

    public static string Write(TrackFacts facts, TrackClassification classification)
    {
        var text = new StringBuilder();
        var moods = classification.LikelyMoods.Select(m => m.Name).ToList();
        var adjective = Character.FirstOrDefault(c => moods.Contains(c.Mood)).Adjective;

        var subject = new List<string>();
        if (adjective is not null) subject.Add(adjective);
        if (facts.TempoBpm is not null && !facts.TempoAmbiguous) subject.Add(facts.TempoText!);
        var genre = classification.ConfidentGenre(TagBuilder.GenreConfidence);
        var sure = genre is not null && genre.Confidence >= SureGenreConfidence;
        subject.Add(classification.IsUnknown ? "recording"
            : sure ? $"{GenreName(genre!.Name)} {(genre.Name == "classical" ? "piece" : "track")}"
            : "track");
        text.Append(StartsWithVowelSound(subject[0]) ? "An" : "A").Append(' ').Append(string.Join(' ', subject));
        if (genre is not null && !sure) text.Append(", likely ").Append(GenreName(genre.Name)).Append(',');

        if (!string.IsNullOrWhiteSpace(facts.Key))
            text.Append(" in ").Append(facts.Key).Append(string.IsNullOrWhiteSpace(facts.Camelot) ? "" : $" ({facts.Camelot})");
        if (!string.IsNullOrWhiteSpace(facts.TimeSignature) && facts.TimeSignature != "4/4")
            text.Append(", in ").Append(facts.TimeSignature);
        var instruments = classification.LikelyInstruments.Select(i => i.Name).ToList();
        if (instruments.Count > 0) text.Append(" with ").Append(List(instruments));
        if (!classification.IsUnknown && genre is null && classification.Genres.Count > 1)
            text.Append(", somewhere between ").Append(GenreName(classification.Genres[0].Name)).Append(" and ").Append(GenreName(classification.Genres[1].Name));
        if (facts.TempoAmbiguous && facts.TempoText is { } tempo) text.Append(" (uncertain tempo: ").Append(tempo).Append(')');
        text.Append('.');

        if (moods.Count > 0) text.Append(" It feels ").Append(List(moods)).Append('.');
        if (classification.UnknownReason is { } reason) text.Append(" Genre, mood and instruments unknown: ").Append(reason).Append('.');

        // A stored analysis may lack the loudness (an older engine): then nothing is said about the mastering.
        if (!double.IsFinite(facts.LoudnessLufs) || !double.IsFinite(facts.TruePeakDbtp)) return text.ToString();
        var loudness = $"{Signed(facts.LoudnessLufs)} LUFS";
        var master = facts.LoudnessLufs > -10 ? $"Mastered loud at {loudness}"
            : facts.LoudnessLufs >= -16 ? $"Mastered at a moderate {loudness}"
            : $"Mastered with plenty of headroom at {loudness}";
        text.Append(' ').Append(master).Append($" (true peak {Signed(facts.TruePeakDbtp)} dBTP");
        if (facts.LoudnessRangeLu > 10) text.Append($", a wide loudness range of {Number(facts.LoudnessRangeLu, "0.#")} LU");
        text.Append(')');
        if (facts.TruePeakDbtp > 0) text.Append(", and its peaks may clip when converted to a lossy format");
        text.Append('.');
        return text.ToString();
    }

    public static string GenreName(string genre) => TrackClassification.GenreName(genre);

    private static string List(IReadOnlyList<string> items) => items.Count switch
    {
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };

    /// <summary>"an uplifting", "an 80 BPM", "an 11…", but "a 118 BPM" (a hundred and eighteen).</summary>
    private static bool StartsWithVowelSound(string word)
    {
        var digits = new string(word.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0) return "aeiou".Contains(char.ToLowerInvariant(word[0]));
        var n = int.Parse(digits, CultureInfo.InvariantCulture);
        return n is 8 or 11 or 18 or >= 80 and < 90 or >= 800 and < 900;
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>With a real minus sign, as printed figures have.</summary>
    private static string Signed(double value) => value < 0 ? $"−{Number(-value, "0.0")}" : Number(value, "0.0");
}
