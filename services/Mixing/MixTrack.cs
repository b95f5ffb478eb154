namespace AudioPlatform.Mixing;

/// <summary>What mixing needs to know of a track: its tempo, Camelot key, energy (0..1) and similarity embedding, each possibly unknown.</summary>
public sealed record MixTrack(Guid Id, double? TempoBpm, string? Camelot, double? Energy, float[]? Embedding = null)
{
    public CamelotKey? Key => CamelotKey.TryParse(Camelot, out var key) ? key : null;
}

/// <summary>How one track follows another: the key move, the tempo match, the energy change, a cost and the words.</summary>
/// <param name="Cost">0 (same key, same tempo) … 1 and above (keys clash, tempo out of range); what set ordering minimises.</param>
/// <param name="Compatible">The keys do not clash and the tempos meet within the tolerance.</param>
public sealed record Transition(KeyTransition? Key, TempoMatch? Tempo, double? EnergyChange, double Cost, bool Compatible, string Reason)
{
    /// <summary>
    /// Judges <paramref name="to"/> after <paramref name="from"/>. Unknown keys or tempos are not a clash but cost a
    /// little: a transition the platform can vouch for ranks above one it cannot.
    /// </summary>
    public static Transition Between(MixTrack from, MixTrack to, double tempoTolerancePercent, bool allowHalfDouble = true)
    {
        var (keyFrom, keyTo) = (from.Key, to.Key);
        KeyTransition? key = keyFrom is { } a && keyTo is { } b ? HarmonicRules.Classify(a, b) : null;
        var tempoKnown = from.TempoBpm is > 0 && to.TempoBpm is > 0;
        var tempo = tempoKnown ? HarmonicRules.MatchTempo(from.TempoBpm!.Value, to.TempoBpm!.Value, tempoTolerancePercent, allowHalfDouble) : null;
        double? energy = from.Energy is { } e1 && to.Energy is { } e2 ? e2 - e1 : null;

        var keyCost = key is { } k ? HarmonicRules.KeyCost(k) : 0.5;
        var tempoCost = tempo is { } t ? Math.Abs(t.PercentChange) / Math.Max(tempoTolerancePercent, 1) * 0.3 + (t.IsHalfOrDouble ? 0.1 : 0)
            : tempoKnown ? 1 : 0.5;
        var compatible = key is not KeyTransition.Clash && (tempo is not null || !tempoKnown);
        return new Transition(key, tempo, energy, keyCost + tempoCost, compatible, HarmonicRules.Describe(keyFrom, keyTo, key, tempo, energy));
    }
}
