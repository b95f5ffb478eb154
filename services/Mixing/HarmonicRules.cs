using System.Globalization;

namespace AudioPlatform.Mixing;

/// <summary>How two keys sound one after the other, from the Camelot rules DJs use.</summary>
public enum KeyTransition
{
    /// <summary>The same key.</summary>
    Same,

    /// <summary>One step round the wheel, same letter (a fifth up or down).</summary>
    Adjacent,

    /// <summary>The relative major or minor (same number).</summary>
    Relative,

    /// <summary>Two steps clockwise, same letter: the "energy boost" (a whole tone up).</summary>
    EnergyBoost,

    /// <summary>Anything else: the keys clash.</summary>
    Clash,
}

/// <summary>The direction of energy a DJ wants from one track to the next.</summary>
public enum EnergyDirection
{
    Any,
    Up,
    Steady,
    Down,
}

/// <summary>How two tempos meet: the factor that brings the next track's tempo to the current one's, and how far apart they are then.</summary>
/// <param name="Factor">1; 2 when the next track is at half time (its tempo doubled meets the current one); 0.5 when it is at double time.</param>
/// <param name="PercentChange">How much faster (positive) or slower the next track is, after the factor, in percent of the current tempo: the pitch-fader move that matches them.</param>
public sealed record TempoMatch(double Factor, double PercentChange)
{
    public bool IsHalfOrDouble => Factor != 1;
}

/// <summary>The Camelot and tempo rules, and the words that explain a transition.</summary>
public static class HarmonicRules
{
    /// <summary>Energy within this of the current track's counts as "steady" (energy is 0..1).</summary>
    public const double SteadyEnergy = 0.05;

    public static KeyTransition Classify(CamelotKey from, CamelotKey to)
    {
        if (from == to) return KeyTransition.Same;
        if (from.Number == to.Number) return KeyTransition.Relative;
        if (from.Letter != to.Letter) return KeyTransition.Clash;
        return from.StepsTo(to) switch
        {
            1 or -1 => KeyTransition.Adjacent,
            2 => KeyTransition.EnergyBoost,
            _ => KeyTransition.Clash,
        };
    }

    /// <summary>
    /// The tempo match within <paramref name="tolerancePercent"/> at the same tempo, or at half or double time when
    /// <paramref name="allowHalfDouble"/>; null when none is within it. The closest of the three wins.
    /// </summary>
    public static TempoMatch? MatchTempo(double fromBpm, double toBpm, double tolerancePercent, bool allowHalfDouble = true)
    {
        if (fromBpm <= 0 || toBpm <= 0 || !double.IsFinite(fromBpm) || !double.IsFinite(toBpm)) return null;
        double[] factors = allowHalfDouble ? [1, 2, 0.5] : [1];
        return factors
            .Select(factor => new TempoMatch(factor, (toBpm * factor / fromBpm - 1) * 100))
            .Where(match => Math.Abs(match.PercentChange) <= tolerancePercent + 1e-9)
            .OrderBy(match => Math.Abs(match.PercentChange))
            .FirstOrDefault();
    }

    public static bool FollowsDirection(double energyChange, EnergyDirection direction) => direction switch
    {
        EnergyDirection.Up => energyChange > SteadyEnergy,
        EnergyDirection.Down => energyChange < -SteadyEnergy,
        EnergyDirection.Steady => Math.Abs(energyChange) <= SteadyEnergy,
        _ => true,
    };

    /// <summary>0 for a perfect key move, rising to 1 for a clash; the order DJs rank them in.</summary>
    public static double KeyCost(KeyTransition transition) => transition switch
    {
        KeyTransition.Same => 0,
        KeyTransition.Adjacent => 0.1,
        KeyTransition.Relative => 0.15,
        KeyTransition.EnergyBoost => 0.3,
        _ => 1,
    };

    /// <summary>"8A → 9A, +1.8 % tempo, energy up"; the parts that are unknown are left out.</summary>
    public static string Describe(CamelotKey? from, CamelotKey? to, KeyTransition? key, TempoMatch? tempo, double? energyChange)
    {
        var parts = new List<string>(4);
        if (from is { } a && to is { } b)
        {
            parts.Add(key switch
            {
                KeyTransition.Clash => $"{a} → {b} (keys clash)",
                KeyTransition.EnergyBoost => $"{a} → {b} (energy boost)",
                KeyTransition.Relative => $"{a} → {b} (relative key)",
                _ => $"{a} → {b}",
            });
        }
        if (tempo is not null)
        {
            var change = tempo.PercentChange.ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture);
            parts.Add(tempo.Factor switch
            {
                2 => $"{change} % tempo at half time",
                0.5 => $"{change} % tempo at double time",
                _ => $"{change} % tempo",
            });
        }
        if (energyChange is { } energy)
        {
            parts.Add(Math.Abs(energy) <= SteadyEnergy ? "energy steady" : energy > 0 ? "energy up" : "energy down");
        }
        return string.Join(", ", parts);
    }
}
