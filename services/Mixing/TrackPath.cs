using System.Numerics.Tensors;

namespace AudioPlatform.Mixing;

/// <param name="Track">The track at this step.</param>
/// <param name="Progress">How far along from A to B the track lies (0 = like A, 1 = like B): its projection on the line between them.</param>
public sealed record PathStep(MixTrack Track, double Progress);

/// <summary>
/// "A path between two tracks": a sequence that moves gradually from A to B through the library. The steps aim at
/// evenly spaced points on the line between A's and B's embeddings; each step takes the unused track nearest its point
/// among those further along than the step before, so the path never turns back.
/// </summary>
public static class TrackPath
{
    public const int MaxSteps = 50;

    public static IReadOnlyList<PathStep> Between(MixTrack from, MixTrack to, IEnumerable<MixTrack> library, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(steps, MaxSteps);
        if (from.Embedding is not { Length: > 0 } a || to.Embedding is not { Length: > 0 } b || a.Length != b.Length)
        {
            throw new ArgumentException("Both ends of a path need similarity embeddings of the same model.");
        }

        var direction = new float[a.Length];
        TensorPrimitives.Subtract(b, a, direction);
        var span = TensorPrimitives.Dot(direction, direction);
        var candidates = library
            .Where(t => t.Id != from.Id && t.Id != to.Id && t.Embedding?.Length == a.Length)
            .Select(t => (Track: t, Progress: span == 0 ? 0 : Progress(t.Embedding!, a, direction, span)))
            .Where(c => c.Progress is > 0 and < 1)
            .ToList();

        var path = new List<PathStep>(steps + 2) { new(from, 0) };
        var used = new HashSet<Guid>();
        var point = new float[a.Length];
        var lastProgress = 0.0;
        for (var step = 1; step <= steps; step++)
        {
            var target = step / (double)(steps + 1);
            // The point on the line at this step's share of the way.
            TensorPrimitives.MultiplyAdd(direction, (float)target, a, point);
            var next = candidates
                .Where(c => c.Progress > lastProgress && !used.Contains(c.Track.Id))
                .OrderBy(c => TensorPrimitives.Distance(point, c.Track.Embedding!))
                .ThenBy(c => c.Track.Id)
                .FirstOrDefault();
            if (next.Track is null) break;
            used.Add(next.Track.Id);
            lastProgress = next.Progress;
            path.Add(new PathStep(next.Track, Math.Round(next.Progress, 4)));
        }
        path.Add(new PathStep(to, 1));
        return path;
    }

    private static double Progress(float[] embedding, float[] from, float[] direction, float span)
    {
        var offset = new float[embedding.Length];
        TensorPrimitives.Subtract(embedding, from, offset);
        return TensorPrimitives.Dot(offset, direction) / span;
    }
}
