using System.Numerics.Tensors;

namespace AudioPlatform.Mixing;

/// <param name="Count">How many tracks the mix has (the seeds not counted).</param>
/// <param name="Diversity">0 picks the nearest tracks; towards 1 each pick also keeps away from the tracks already picked.</param>
public sealed record InstantMixOptions(int Count = 20, double Diversity = 0.3);

/// <param name="Similarity">Mean cosine to the seeds, −1..1.</param>
public sealed record MixPick(MixTrack Track, double Similarity);

/// <summary>
/// "A mix from this track": tracks that sound like the seeds, diverse rather than near-duplicates. Maximal marginal
/// relevance over the similarity embeddings: each pick maximises its likeness to the seeds minus, weighted by the
/// diversity, its likeness to the nearest track already picked; copies of a seed or a pick (cosine ≥ 0.995: the same
/// recording in another file) are left out.
/// </summary>
public static class InstantMix
{
    public const double DuplicateCosine = 0.995;

    public static IReadOnlyList<MixPick> Build(IReadOnlyList<MixTrack> seeds, IEnumerable<MixTrack> library, InstantMixOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Diversity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Diversity, 1);
        var seedVectors = seeds.Where(s => s.Embedding is { Length: > 0 }).Select(s => s.Embedding!).ToList();
        if (seedVectors.Count == 0) return [];
        var length = seedVectors[0].Length;
        var seedIds = seeds.Select(s => s.Id).ToHashSet();
        var candidates = library
            .Where(t => !seedIds.Contains(t.Id) && t.Embedding?.Length == length)
            .Select(t => (Track: t, Relevance: seedVectors.Average(s => (double)TensorPrimitives.CosineSimilarity(s, t.Embedding!))))
            .Where(c => seedVectors.All(s => TensorPrimitives.CosineSimilarity(s, c.Track.Embedding!) < DuplicateCosine))
            .OrderByDescending(c => c.Relevance)
            .ThenBy(c => c.Track.Id)
            .ToList();

        var picks = new List<MixPick>(options.Count);
        var nearestPick = candidates.Select(_ => double.NegativeInfinity).ToArray();
        var taken = new bool[candidates.Count];
        while (picks.Count < options.Count)
        {
            var best = -1;
            var bestScore = double.NegativeInfinity;
            for (var i = 0; i < candidates.Count; i++)
            {
                if (taken[i] || nearestPick[i] >= DuplicateCosine) continue;
                var redundancy = picks.Count == 0 ? 0 : nearestPick[i];
                var score = (1 - options.Diversity) * candidates[i].Relevance - options.Diversity * redundancy;
                if (score > bestScore)
                {
                    bestScore = score;
                    best = i;
                }
            }
            if (best < 0) break;
            taken[best] = true;
            picks.Add(new MixPick(candidates[best].Track, Math.Round(candidates[best].Relevance, 4)));
            for (var i = 0; i < candidates.Count; i++)
            {
                if (!taken[i]) nearestPick[i] = Math.Max(nearestPick[i], TensorPrimitives.CosineSimilarity(candidates[best].Track.Embedding!, candidates[i].Track.Embedding!));
            }
        }
        return picks;
    }
}
