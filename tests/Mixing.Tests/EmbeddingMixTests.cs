namespace AudioPlatform.Mixing.Tests;

public sealed class EmbeddingMixTests
{
    private static MixTrack At(int n, params float[] embedding) => new(new Guid($"00000000-0000-0000-0000-{n:D12}"), 120, "8A", 0.5, embedding);

    [Fact]
    public void An_instant_mix_starts_with_the_nearest_and_leaves_out_copies_of_the_seed()
    {
        var seed = At(0, 1, 0, 0);
        var copy = At(1, 1, 0.001f, 0);
        var near = At(2, 0.95f, 0.3f, 0);
        var far = At(3, 0, 0, 1);
        var mix = InstantMix.Build([seed], [seed, copy, near, far], new InstantMixOptions(Count: 5, Diversity: 0));
        Assert.Equal([near.Id, far.Id], mix.Select(p => p.Track.Id));
        Assert.True(mix[0].Similarity > mix[1].Similarity);
    }

    [Fact]
    public void Diversity_prefers_a_different_direction_to_a_second_near_duplicate()
    {
        var seed = At(0, 1, 0, 0);
        var a = At(1, 0.9f, 0.42f, 0);
        var twinOfA = At(2, 0.9f, 0.38f, 0.2f);
        var other = At(3, 0.85f, 0, 0.52f);
        var plain = InstantMix.Build([seed], [a, twinOfA, other], new InstantMixOptions(Count: 2, Diversity: 0));
        var diverse = InstantMix.Build([seed], [a, twinOfA, other], new InstantMixOptions(Count: 2, Diversity: 0.5));
        Assert.Contains(plain, p => p.Track.Id == twinOfA.Id);
        Assert.Equal([a.Id, other.Id], diverse.Select(p => p.Track.Id));
    }

    [Fact]
    public void A_path_moves_from_A_to_B_without_turning_back()
    {
        var a = At(0, 1, 0);
        var b = At(1, 0, 1);
        // Points round the quarter circle from A to B, given in a scrambled order, and one behind A.
        var arc = new[] { 0.6, 0.2, 1.2, 0.9, 0.4, 1.4 }
            .Select((angle, i) => At(10 + i, (float)Math.Cos(angle), (float)Math.Sin(angle))).ToList();
        var behind = At(99, 1, -0.5f);
        var path = TrackPath.Between(a, b, [.. arc, behind, a, b], steps: 4);
        Assert.Equal(a.Id, path[0].Track.Id);
        Assert.Equal(b.Id, path[^1].Track.Id);
        Assert.Equal(6, path.Count);
        Assert.DoesNotContain(path, s => s.Track.Id == behind.Id);
        var progress = path.Select(s => s.Progress).ToList();
        Assert.Equal(progress.Order(), progress);
    }

    [Fact]
    public void A_path_needs_embeddings_at_both_ends() =>
        Assert.Throws<ArgumentException>(() => TrackPath.Between(At(0, 1, 0), At(1) with { Embedding = null }, [], 3));
}
