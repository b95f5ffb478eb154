using AudioPlatform.Library.Model;

namespace AudioPlatform.Library.Tests;

/// <summary>The map's projection (principal components, computed on the server since the Gallery stopped downloading the library).</summary>
public sealed class SimilarityMapTests
{
    [Fact]
    public void Two_clusters_lie_apart_along_the_first_axis_whatever_the_scale_of_each_column()
    {
        // Column 0 (BPM-like, large numbers) carries the same noise in both groups; columns 1–2 separate them.
        float[][] a = [[120, 0.1f, 0.2f], [131, 0.12f, 0.18f], [109, 0.09f, 0.21f]];
        float[][] b = [[118, 0.9f, 0.8f], [126, 0.88f, 0.83f], [112, 0.92f, 0.79f]];
        var scaled = a.Concat(b).Select(row => new[] { row[0] / 100, row[1] * 10, row[2] * 10 }).ToList();

        var points = SimilarityMap.Project(scaled);

        var sideA = points.Take(3).Select(p => Math.Sign(p.X - 0.5)).Distinct().Single();
        Assert.All(points.Skip(3), p => Assert.Equal(-sideA, Math.Sign(p.X - 0.5)));
    }

    [Fact]
    public void Nothing_one_track_and_identical_tracks_give_finite_places()
    {
        Assert.Empty(SimilarityMap.Project([]));
        Assert.Equal([(0.5, 0.5)], SimilarityMap.Project([[1f, 2f, 3f]]));
        Assert.All(SimilarityMap.Project([[5f, 5f], [5f, 5f], [5f, 5f]]), p => Assert.Equal((0.5, 0.5), p));
    }

    [Fact]
    public void The_same_library_is_drawn_the_same_way_every_time()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, 20).Select(_ => (float)random.NextDouble()).ToArray()).ToList();

        Assert.Equal(SimilarityMap.Project(rows), SimilarityMap.Project(rows.ToList()));
    }
}
