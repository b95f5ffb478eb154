using System.Globalization;

namespace AudioPlatform.Similarity;

/// <summary>How alike two tracks are (cosine of their embeddings, −1..1; 1 for the same track) and why, in plain words.</summary>
public sealed record SimilarityMatch(double Score, IReadOnlyList<string> Reasons);

/// <summary>
/// Scores two tracks by the cosine of their embeddings and says what they share, most telling first: genre, key
/// (same key, or relative or neighbouring on the Camelot wheel: mixable without a clash), tempo (within 6 %, or at half or
/// double time), shared moods and instruments, loudness within 1.5 LU, energy within 0.1.
/// </summary>
public static class SimilarityExplainer
{
    public static SimilarityMatch Explain(TrackProfile a, TrackProfile b)
    {
        var score = Math.Round(Embeddings.Cosine(a.Embedding, b.Embedding), 4);
        return new SimilarityMatch(score, Reasons(a, b));
    }

    public static IReadOnlyList<string> Reasons(TrackProfile a, TrackProfile b)
    {
        var reasons = new List<string>();
        if (a.Classification.ConfidentGenre(TrackClassification.NamedGenreConfidence) is { } ga
            && b.Classification.ConfidentGenre(TrackClassification.NamedGenreConfidence) is { } gb && ga.Name == gb.Name)
            reasons.Add($"both {TrackClassification.GenreName(ga.Name)}");

        if (KeyRelation(a.Facts.Camelot, b.Facts.Camelot) is { } key) reasons.Add(key);
        if (TempoRelation(a.Facts.TempoBpm, b.Facts.TempoBpm) is { } tempo) reasons.Add(tempo);

        var moods = Shared(a.Classification.LikelyMoods, b.Classification.LikelyMoods);
        if (moods.Count > 0) reasons.Add($"both {Join(moods)}");
        var instruments = Shared(a.Classification.LikelyInstruments, b.Classification.LikelyInstruments).Take(3).ToList();
        if (instruments.Count > 0) reasons.Add($"both with {Join(instruments)}");

        if (Math.Abs(a.Facts.LoudnessLufs - b.Facts.LoudnessLufs) <= 1.5)
            reasons.Add($"similar loudness ({Lufs(a.Facts.LoudnessLufs)} and {Lufs(b.Facts.LoudnessLufs)} LUFS)");
        if (Math.Abs(a.Facts.Energy - b.Facts.Energy) <= 0.1) reasons.Add("similar energy");
        return reasons;
    }

    /// <summary>"same key (8A)", "same key family (8A and 9A)" for relative or neighbouring keys on the Camelot wheel, null otherwise.</summary>
    public static string? KeyRelation(string? camelotA, string? camelotB)
    {
        if (!TryParseCamelot(camelotA, out var na, out var la) || !TryParseCamelot(camelotB, out var nb, out var lb)) return null;
        if (na == nb && la == lb) return $"same key ({camelotA})";
        var step = Math.Abs(na - nb) % 12;
        var neighbours = la == lb && (step == 1 || step == 11);
        var relative = na == nb;
        return neighbours || relative ? $"same key family ({camelotA} and {camelotB})" : null;
    }

    /// <summary>"tempo within 3 %" (rounded up, at least 1 %), "tempo at double time" / "at half time" within 4 %, null otherwise.</summary>
    public static string? TempoRelation(double? tempoA, double? tempoB)
    {
        if (tempoA is not { } bpmA || tempoB is not { } bpmB || bpmA <= 0 || bpmB <= 0) return null;
        var ratio = bpmB / bpmA;
        var difference = Math.Abs(ratio - 1);
        if (difference <= 0.06) return $"tempo within {Math.Max(1, Math.Ceiling(difference * 100 - 1e-9)).ToString(CultureInfo.InvariantCulture)} %";
        if (Math.Abs(ratio / 2 - 1) <= 0.04) return "tempo at double time";
        if (Math.Abs(ratio * 2 - 1) <= 0.04) return "tempo at half time";
        return null;
    }

    private static bool TryParseCamelot(string? text, out int number, out char letter)
    {
        number = 0;
        letter = ' ';
        if (string.IsNullOrWhiteSpace(text) || text.Length is < 2 or > 3) return false;
        letter = char.ToUpperInvariant(text[^1]);
        return letter is 'A' or 'B' && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out number) && number is >= 1 and <= 12;
    }

    private static List<string> Shared(IReadOnlyList<LabelScore> a, IReadOnlyList<LabelScore> b) =>
        a.Select(s => s.Name).Intersect(b.Select(s => s.Name)).ToList();

    private static string Join(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

    private static string Lufs(double value) => (value < 0 ? "−" : "") + Math.Abs(value).ToString("0.0", CultureInfo.InvariantCulture);
}
