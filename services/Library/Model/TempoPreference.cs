namespace AudioPlatform.Library.Model;

/// <summary>One of the owner's tempo corrections: what the analysis said and what the owner set instead.</summary>
public sealed record TempoCorrectionPair(double AnalysisBpm, double CorrectedBpm);

/// <summary>
/// The owner's octave preference: tempo trackers often hear drum-and-bass at 85 instead of 170 (or a slow groove at double
/// speed), and a user who keeps correcting tracks of one tempo region the same way wants that choice made for them.
/// </summary>
/// <remarks>
/// The rule, kept simple so it can be explained: among the owner's own corrections (not derived ones) whose analysis tempo
/// lies within <see cref="Region"/> of the new track's, at least <see cref="MinimumCorrections"/>, every one of them
/// doubling, or every one halving. Then the new track's tempo is shown doubled (halved) as the owner's preference; the
/// analysis's value stays beside it. Any correction in the region that is not the same octave move means no preference.
/// </remarks>
public static class TempoPreference
{
    public const int MinimumCorrections = 2;

    /// <summary>How far (relative) another track's analysed tempo may be from this one's and count as the same region.</summary>
    public const double Region = 0.08;

    /// <summary>The preferred tempo for an analysis that found <paramref name="analysisBpm"/>; null when no preference applies.</summary>
    public static double? PreferredFor(double? analysisBpm, IEnumerable<TempoCorrectionPair> corrections)
    {
        if (analysisBpm is not > 0 || !double.IsFinite(analysisBpm.Value))
        {
            return null;
        }

        var factors = corrections
            .Where(c => c.AnalysisBpm > 0 && Math.Abs(c.AnalysisBpm - analysisBpm.Value) <= analysisBpm.Value * Region)
            .Select(c => OctaveFactor(c.CorrectedBpm / c.AnalysisBpm))
            .ToList();
        if (factors.Count < MinimumCorrections || factors.Distinct().Count() != 1 || factors[0] is not { } factor)
        {
            return null;
        }

        var preferred = Math.Round(analysisBpm.Value * factor, 2);
        return preferred is >= CorrectionLimits.MinTempoBpm and <= CorrectionLimits.MaxTempoBpm ? preferred : null;
    }

    /// <summary>2 for a doubling, 0.5 for a halving (within 3 %), null for any other change.</summary>
    private static double? OctaveFactor(double ratio) =>
        Math.Abs(ratio - 2) <= 0.06 ? 2 : Math.Abs(ratio - 0.5) <= 0.015 ? 0.5 : null;
}
