namespace AudioPlatform.Mixing;

/// <param name="TempoTolerancePercent">How far the next track's tempo may be from the current one (default ±6 %).</param>
/// <param name="AllowHalfDouble">Count a track at half or double the tempo as a match.</param>
/// <param name="AllowEnergyBoost">Also suggest the +2 "energy boost" key move.</param>
/// <param name="Direction">The energy direction wanted from the current track to the next.</param>
public sealed record NextTrackOptions(
    double TempoTolerancePercent = 6,
    bool AllowHalfDouble = true,
    bool AllowEnergyBoost = false,
    EnergyDirection Direction = EnergyDirection.Any,
    int Limit = 20);

public sealed record NextTrackSuggestion(MixTrack Track, Transition Transition);

/// <summary>"Which track can follow this one": the tracks whose key is compatible and whose tempo meets, best first.</summary>
public static class NextTrackFinder
{
    /// <summary>
    /// The tracks of <paramref name="library"/> that can follow <paramref name="current"/>: same key, ±1 on the wheel or
    /// relative (and +2 when <see cref="NextTrackOptions.AllowEnergyBoost"/>), tempo within the tolerance, energy in the
    /// wanted direction. A track whose key or tempo is unknown is never suggested: a suggestion must be one the user can trust.
    /// </summary>
    public static IReadOnlyList<NextTrackSuggestion> Suggest(MixTrack current, IEnumerable<MixTrack> library, NextTrackOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.TempoTolerancePercent);
        if (current.Key is null || current.TempoBpm is not > 0) return [];
        return library
            .Where(candidate => candidate.Id != current.Id && candidate.Key is not null && candidate.TempoBpm is > 0)
            .Select(candidate => new NextTrackSuggestion(candidate, Transition.Between(current, candidate, options.TempoTolerancePercent, options.AllowHalfDouble)))
            .Where(s => s.Transition is { Compatible: true, Tempo: not null } t &&
                        (t.Key is not KeyTransition.EnergyBoost || options.AllowEnergyBoost) &&
                        (options.Direction == EnergyDirection.Any || t.EnergyChange is { } change && HarmonicRules.FollowsDirection(change, options.Direction)))
            .OrderBy(s => s.Transition.Cost)
            .ThenBy(s => s.Track.Id)
            .Take(Math.Max(0, options.Limit))
            .ToList();
    }
}
