namespace AudioPlatform.Mixing;

/// <summary>The energy curve a set should follow.</summary>
public enum EnergyShape
{
    /// <summary>Warm-up, a peak at about 70 % of the set, then a cool-down.</summary>
    Arc,

    /// <summary>Lowest energy first, rising to the end.</summary>
    Rising,

    /// <summary>Highest energy first, falling to the end.</summary>
    Falling,

    /// <summary>No energy shape: only the transitions count.</summary>
    None,
}

public sealed record SetOrderOptions(double TempoTolerancePercent = 6, EnergyShape Shape = EnergyShape.Arc, bool AllowHalfDouble = true);

/// <summary>One place in a set: the track, how it follows the one before (null for the first) and the energy the shape wanted there.</summary>
public sealed record SetStep(MixTrack Track, Transition? FromPrevious, double? TargetEnergy);

/// <param name="CompatibleTransitions">Transitions whose keys do not clash and whose tempos meet.</param>
public sealed record SetPlan(IReadOnlyList<SetStep> Steps, int CompatibleTransitions, double Cost)
{
    public int Transitions => Math.Max(0, Steps.Count - 1);
}

/// <summary>
/// Orders a selection into a set: every transition compatible where the keys and tempos allow it, the energy following
/// the chosen shape. The cost is the sum of the transitions' costs plus the distance from the energy curve; the search
/// starts from the tracks placed by energy along the curve and improves it by swaps and reversed runs until neither
/// helps (deterministic: the same selection always gives the same set).
/// </summary>
public static class SetOrderer
{
    /// <summary>Sets are for people to play: more than this many tracks is refused by the caller.</summary>
    public const int MaxTracks = 300;

    private const double ShapeWeight = 2.0;
    private const int MaxPasses = 30;

    public static SetPlan Order(IReadOnlyList<MixTrack> tracks, SetOrderOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tracks.Count, MaxTracks);
        if (tracks.Count == 0) return new SetPlan([], 0, 0);

        var targets = TargetEnergies(tracks, options.Shape);
        var costs = new double[tracks.Count, tracks.Count];
        for (var i = 0; i < tracks.Count; i++)
        for (var j = 0; j < tracks.Count; j++)
        {
            costs[i, j] = i == j ? 0 : Transition.Between(tracks[i], tracks[j], options.TempoTolerancePercent, options.AllowHalfDouble).Cost;
        }

        var order = StartingOrder(tracks, targets);
        var best = Cost(order, tracks, targets, costs, 0, order.Length - 1);
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var improved = false;
            for (var i = 0; i < order.Length - 1; i++)
            for (var j = i + 1; j < order.Length; j++)
            {
                foreach (var move in Moves)
                {
                    // Only positions i..j and the transitions into and out of them change: cost just those.
                    var before = Cost(order, tracks, targets, costs, i, j);
                    move(order, i, j);
                    var delta = Cost(order, tracks, targets, costs, i, j) - before;
                    if (delta < -1e-9)
                    {
                        best += delta;
                        improved = true;
                    }
                    else
                    {
                        move(order, i, j); // both moves are their own inverse
                    }
                }
            }
            if (!improved) break;
        }

        var steps = new List<SetStep>(order.Length);
        var compatible = 0;
        for (var position = 0; position < order.Length; position++)
        {
            var track = tracks[order[position]];
            var transition = position == 0 ? null : Transition.Between(tracks[order[position - 1]], track, options.TempoTolerancePercent, options.AllowHalfDouble);
            if (transition is { Compatible: true }) compatible++;
            steps.Add(new SetStep(track, transition, targets?[position]));
        }
        return new SetPlan(steps, compatible, Math.Round(best, 4));
    }

    /// <summary>
    /// The energy wanted at each position: the selection's own energies, redistributed along the shape (so a set of
    /// quiet tracks peaks at its loudest, not at an absolute level). Null for <see cref="EnergyShape.None"/> or no known energy.
    /// </summary>
    private static double[]? TargetEnergies(IReadOnlyList<MixTrack> tracks, EnergyShape shape)
    {
        var known = tracks.Where(t => t.Energy is not null).Select(t => t.Energy!.Value).Order().ToArray();
        if (shape == EnergyShape.None || known.Length == 0) return null;
        var n = tracks.Count;
        var targets = new double[n];
        for (var position = 0; position < n; position++)
        {
            var p = n == 1 ? 1 : position / (double)(n - 1);
            var level = shape switch
            {
                EnergyShape.Rising => p,
                EnergyShape.Falling => 1 - p,
                _ => p <= 0.7 ? p / 0.7 : 1 - (p - 0.7) / 0.3 * 0.5,
            };
            targets[position] = Quantile(known, level);
        }
        return targets;
    }

    private static double Quantile(double[] sorted, double level)
    {
        var index = level * (sorted.Length - 1);
        var low = (int)Math.Floor(index);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
    }

    /// <summary>Tracks sorted by energy, matched to positions sorted by target energy; in the given order when there is no shape.</summary>
    private static int[] StartingOrder(IReadOnlyList<MixTrack> tracks, double[]? targets)
    {
        var indices = Enumerable.Range(0, tracks.Count).ToArray();
        if (targets is null) return indices;
        var byEnergy = indices.OrderBy(i => tracks[i].Energy ?? double.MaxValue).ThenBy(i => tracks[i].Id).ToArray();
        var positionsByTarget = indices.OrderBy(p => targets[p]).ThenBy(p => p).ToArray();
        var order = new int[tracks.Count];
        for (var rank = 0; rank < order.Length; rank++) order[positionsByTarget[rank]] = byEnergy[rank];
        return order;
    }

    /// <summary>The distance from the energy curve of positions <paramref name="first"/>..<paramref name="last"/> and the costs of the transitions into, within and out of them.</summary>
    private static double Cost(int[] order, IReadOnlyList<MixTrack> tracks, double[]? targets, double[,] costs, int first, int last)
    {
        var cost = 0.0;
        for (var position = first; position <= last; position++)
        {
            if (targets is not null && tracks[order[position]].Energy is { } energy) cost += ShapeWeight * Math.Abs(energy - targets[position]);
        }
        for (var position = Math.Max(1, first); position <= Math.Min(order.Length - 1, last + 1); position++)
        {
            cost += costs[order[position - 1], order[position]];
        }
        return cost;
    }

    private static readonly Action<int[], int, int>[] Moves = [Swap, Reverse];

    private static void Swap(int[] order, int i, int j) => (order[i], order[j]) = (order[j], order[i]);

    private static void Reverse(int[] order, int i, int j) => Array.Reverse(order, i, j - i + 1);
}
