using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.Benchmark;

/// <summary>The MIREX evaluation rules used by the benchmark.</summary>
public static class Scoring
{
    /// <summary>Tempo within 4 % of the reference.</summary>
    public static bool TempoAcc1(double estimate, double reference) => reference > 0 && Math.Abs(estimate - reference) <= 0.04 * reference;

    /// <summary>Tempo within 4 % of the reference or of its double, triple, half or third.</summary>
    public static bool TempoAcc2(double estimate, double reference)
    {
        foreach (var factor in new[] { 1.0, 2, 3, 0.5, 1.0 / 3 })
            if (TempoAcc1(estimate, reference * factor)) return true;
        return false;
    }

    /// <summary>The tempo ratios reported (estimate ÷ reference), each matched within the 4 % of Acc1.</summary>
    public static readonly (string Name, double Ratio)[] TempoRatios =
        [("×1", 1), ("×2", 2), ("×½", 0.5), ("×3/2", 1.5), ("×⅔", 2 / 3.0), ("×3", 3), ("×⅓", 1 / 3.0), ("×4", 4), ("×¼", 0.25)];

    public static string TempoRatioClass(double ratio)
    {
        foreach (var (name, value) in TempoRatios)
            if (Math.Abs(ratio - value) <= 0.04 * value) return name;
        return "other";
    }

    /// <summary>
    /// MIREX key score as mir_eval computes it: 1 same key; 0.5 same mode and the estimate a perfect fifth above
    /// the reference; 0.3 relative major/minor; 0.2 parallel (same tonic, other mode); else 0.
    /// </summary>
    public static double KeyWeighted(MusicalKey estimate, MusicalKey reference)
    {
        if (estimate == reference) return 1;
        var up = ((estimate.Tonic - reference.Tonic) % 12 + 12) % 12;
        if (estimate.Mode == reference.Mode) return up == 7 ? 0.5 : 0;
        if (reference.Mode == KeyMode.Major && up == 9) return 0.3;
        if (reference.Mode == KeyMode.Minor && up == 3) return 0.3;
        return up == 0 ? 0.2 : 0;
    }

    public static string KeyRelation(MusicalKey estimate, MusicalKey reference) => KeyWeighted(estimate, reference) switch
    {
        1 => "correct",
        0.5 => "fifth",
        0.3 => "relative",
        0.2 => "parallel",
        _ => "other",
    };
}
