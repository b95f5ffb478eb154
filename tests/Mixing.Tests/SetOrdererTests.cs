namespace AudioPlatform.Mixing.Tests;

public sealed class SetOrdererTests
{
    private static MixTrack Track(int n, double bpm, string camelot, double energy) =>
        new(new Guid($"00000000-0000-0000-0000-{n:D12}"), bpm, camelot, energy);

    [Fact]
    public void A_walk_round_the_wheel_given_shuffled_is_put_back_in_a_compatible_order()
    {
        // 1A → 2A → … → 8A is compatible step by step; any other order of these eight has a clash.
        var walk = Enumerable.Range(1, 8).Select(n => Track(n, 120 + n * 0.5, $"{n}A", 0.5)).ToList();
        var shuffled = walk.OrderBy(t => (t.Id.GetHashCode() * 7919) % 13).ToList();
        var plan = SetOrderer.Order(shuffled, new SetOrderOptions(Shape: EnergyShape.None));
        Assert.Equal(7, plan.CompatibleTransitions);
        Assert.All(plan.Steps.Skip(1), step => Assert.True(step.FromPrevious!.Compatible, step.FromPrevious.Reason));
    }

    [Fact]
    public void The_arc_warms_up_peaks_late_and_cools_down()
    {
        // All in one key and tempo: only the energy shape decides.
        var tracks = new[] { 0.9, 0.2, 0.5, 0.7, 0.3, 0.8, 0.4, 0.6, 0.1, 1.0 }.Select((e, i) => Track(i + 1, 124, "8A", e)).ToList();
        var energies = SetOrderer.Order(tracks, new SetOrderOptions()).Steps.Select(s => s.Track.Energy!.Value).ToList();
        var peak = energies.IndexOf(energies.Max());
        Assert.InRange(peak, 5, 7);
        Assert.True(energies[0] < 0.35, $"starts at {energies[0]}");
        Assert.True(energies[^1] < energies[peak] - 0.2, $"ends at {energies[^1]}");
        Assert.Equal(energies.Take(peak + 1).Order(), energies.Take(peak + 1));
    }

    [Fact]
    public void Rising_orders_by_energy()
    {
        var tracks = new[] { 0.4, 0.1, 0.9, 0.6 }.Select((e, i) => Track(i + 1, 124, "8A", e)).ToList();
        var plan = SetOrderer.Order(tracks, new SetOrderOptions(Shape: EnergyShape.Rising));
        Assert.Equal([0.1, 0.4, 0.6, 0.9], plan.Steps.Select(s => s.Track.Energy!.Value));
        Assert.Equal(3, plan.CompatibleTransitions);
    }

    [Fact]
    public void The_same_selection_gives_the_same_set()
    {
        var tracks = Enumerable.Range(1, 40).Select(n => Track(n, 110 + n % 9 * 2, $"{n % 12 + 1}{(n % 3 == 0 ? 'B' : 'A')}", n % 10 / 10.0)).ToList();
        var first = SetOrderer.Order(tracks, new SetOrderOptions()).Steps.Select(s => s.Track.Id).ToList();
        var again = SetOrderer.Order(tracks, new SetOrderOptions()).Steps.Select(s => s.Track.Id).ToList();
        Assert.Equal(tracks.Select(t => t.Id).Order(), first.Order());
        Assert.Equal(first, again);
    }

    [Fact]
    public void An_empty_selection_is_an_empty_set() => Assert.Empty(SetOrderer.Order([], new SetOrderOptions()).Steps);

    [Fact]
    public void More_tracks_than_a_set_holds_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SetOrderer.Order(Enumerable.Range(0, SetOrderer.MaxTracks + 1).Select(n => Track(n, 120, "8A", 0.5)).ToList(), new SetOrderOptions()));
}
