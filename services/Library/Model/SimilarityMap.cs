using System.Numerics;

namespace AudioPlatform.Library.Model;

/// <summary>A track on the map: its place (0..1 on each axis) and what its dot and card show.</summary>
public sealed record MapPoint(
    Guid Id, double X, double Y, string Title, string? Artist, string? Genre, string? Mood, string? Camelot, double? TempoBpm, double? DurationSeconds);

/// <summary>
/// The user's analysed tracks placed in two dimensions by the first two principal components of their similarity
/// embeddings, so tracks that sound alike sit near each other.
/// </summary>
/// <param name="ModelVersion">The embeddings' model version: the newest analysis's. Embeddings of other versions live in another space and are left out.</param>
/// <param name="TrackCount">Tracks the filter matched that have an embedding of that version.</param>
/// <param name="Truncated">True when only the newest <see cref="SimilarityMap.MaxPoints"/> (or the limit asked for) are placed.</param>
public sealed record SimilarityMapResult(string? ModelVersion, int TrackCount, bool Truncated, IReadOnlyList<MapPoint> Points);

public static class SimilarityMap
{
    public const int DefaultPoints = 2000, MaxPoints = 5000;

    /// <param name="tracks">The filter's matches, newest first, with what <see cref="TrackView.Map"/> reads.</param>
    public static SimilarityMapResult Build(IReadOnlyList<Track> tracks, int limit)
    {
        var withEmbedding = tracks.Where(track => track is { Status: TrackStatus.Analyzed, Analysis.Embedding.Length: > 0 }).ToList();
        var current = withEmbedding.MaxBy(track => track.AnalyzedAt)?.Analysis;
        if (current is null)
        {
            return new SimilarityMapResult(null, 0, false, []);
        }

        var comparable = withEmbedding
            .Where(track => track.Analysis!.ModelVersion == current.ModelVersion && track.Analysis.Embedding.Length == current.Embedding.Length)
            .ToList();
        var placed = comparable.Take(limit).ToList();
        var coordinates = Project(placed.Select(track => track.Analysis!.Embedding).ToList());
        var points = placed.Select((track, i) => new MapPoint(
            track.Id, coordinates[i].X, coordinates[i].Y, track.Title, track.Artist, track.Analysis!.TopGenre, track.Analysis.TopMood,
            track.Analysis.Camelot, track.Analysis.TempoBpm, track.Analysis.DurationSeconds)).ToList();
        return new SimilarityMapResult(current.ModelVersion, comparable.Count, placed.Count < comparable.Count, points);
    }

    /// <summary>
    /// The rows' first two principal components, scaled together into 0..1 (0.5 when all rows agree). The covariance is
    /// built once (rows × dimensions², a few tens of milliseconds for 2,000 embeddings of 142 values) and its top
    /// eigenvectors found by power iteration with deflation, started from the same vector every time so a map
    /// does not flip between two loads of the same library; each axis's sign is fixed by its largest loading.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> Project(IReadOnlyList<float[]> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var dimensions = rows[0].Length;
        var mean = new double[dimensions];
        foreach (var row in rows)
        {
            for (var j = 0; j < dimensions; j++)
            {
                mean[j] += row[j] / (double)rows.Count;
            }
        }

        // The upper triangle, row by row, each row's update a vectorised multiply-add over the centred values.
        var covariance = new double[dimensions * dimensions];
        var centred = new double[dimensions];
        foreach (var row in rows)
        {
            for (var j = 0; j < dimensions; j++)
            {
                centred[j] = row[j] - mean[j];
            }

            for (var i = 0; i < dimensions; i++)
            {
                AddScaled(covariance.AsSpan(i * dimensions + i, dimensions - i), centred.AsSpan(i), centred[i]);
            }
        }

        for (var i = 0; i < dimensions; i++)
        {
            for (var j = 0; j < i; j++)
            {
                covariance[i * dimensions + j] = covariance[j * dimensions + i];
            }
        }

        var first = TopEigenvector(covariance, out var firstValue);
        Deflate(covariance, first, firstValue);
        var second = TopEigenvector(covariance, out _);
        var xs = rows.Select(row => Dot(row, mean, first)).ToArray();
        var ys = rows.Select(row => Dot(row, mean, second)).ToArray();
        // One scale for both axes, so distances on the map keep their proportions (the second component is the smaller).
        var (x0, x1, y0, y1) = (xs.Min(), xs.Max(), ys.Min(), ys.Max());
        var range = Math.Max(x1 - x0, y1 - y0);
        return xs.Select((x, i) => (Scale(x, x0, x1, range), Scale(ys[i], y0, y1, range))).ToList();
    }

    /// <summary><paramref name="target"/> += <paramref name="scale"/> × <paramref name="values"/>.</summary>
    private static void AddScaled(Span<double> target, ReadOnlySpan<double> values, double scale)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var factor = new Vector<double>(scale);
            for (; i <= target.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                (new Vector<double>(target[i..]) + factor * new Vector<double>(values[i..])).CopyTo(target[i..]);
            }
        }

        for (; i < target.Length; i++)
        {
            target[i] += scale * values[i];
        }
    }

    private static double[] TopEigenvector(double[] matrix, out double eigenvalue)
    {
        var n = (int)Math.Sqrt(matrix.Length);
        var vector = Enumerable.Range(0, n).Select(i => 1.0 + i * 1e-3).ToArray();
        Normalise(vector);
        eigenvalue = 0;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var next = new double[n];
            for (var i = 0; i < n; i++)
            {
                next[i] = Dot(matrix.AsSpan(i * n, n), vector);
            }

            eigenvalue = Math.Sqrt(next.Sum(v => v * v));
            if (eigenvalue < 1e-12)
            {
                return new double[n];
            }

            Normalise(next);
            var change = next.Zip(vector, (a, b) => Math.Abs(a - b)).Max();
            vector = next;
            if (change < 1e-9)
            {
                break;
            }
        }

        var largest = vector.MaxBy(Math.Abs);
        return largest < 0 ? vector.Select(v => -v).ToArray() : vector;
    }

    private static void Deflate(double[] matrix, double[] vector, double eigenvalue)
    {
        for (var i = 0; i < vector.Length; i++)
        {
            AddScaled(matrix.AsSpan(i * vector.Length, vector.Length), vector, -eigenvalue * vector[i]);
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void Normalise(double[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => v * v));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }
    }

    private static double Dot(float[] row, double[] mean, double[] axis)
    {
        var sum = 0.0;
        for (var j = 0; j < row.Length; j++)
        {
            sum += (row[j] - mean[j]) * axis[j];
        }

        return sum;
    }

    /// <summary>Into 0..1 by <paramref name="range"/>, the axis's own extent centred: 0.5 when nothing varies.</summary>
    private static double Scale(double value, double min, double max, double range) =>
        range > 0 ? 0.5 + (value - (min + max) / 2) / range : 0.5;
}
