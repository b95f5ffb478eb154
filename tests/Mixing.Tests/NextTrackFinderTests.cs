namespace AudioPlatform.Mixing.Tests;

public sealed class NextTrackFinderTests
{
    private static readonly MixTrack Current = new(Id(0), 124, "8A", 0.6);

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    private static readonly MixTrack[] Library =
    [
        Current,
        new(Id(1), 124, "8A", 0.6),     // same key, same tempo, steady
        new(Id(2), 126, "9A", 0.8),     // +1, energy up
        new(Id(3), 122, "7A", 0.4),     // −1, energy down
        new(Id(4), 124, "8B", 0.62),    // relative
        new(Id(5), 124, "10A", 0.9),    // energy boost
        new(Id(6), 124, "3B", 0.6),     // clash
        new(Id(7), 140, "8A", 0.6),     // tempo out of range
        new(Id(8), 62.5, "9A", 0.7),    // half time
        new(Id(9), null, "8A", 0.6),    // no tempo
        new(Id(10), 124, null, 0.6),    // no key
    ];

    [Fact]
    public void Compatible_keys_within_the_tempo_range_are_suggested_best_first()
    {
        var ids = NextTrackFinder.Suggest(Current, Library, new NextTrackOptions()).Select(s => s.Track.Id).ToList();
        Assert.Equal(Id(1), ids[0]);
        Assert.Equal([Id(1), Id(2), Id(3), Id(4), Id(8)], ids.Order().ToList());
    }

    [Fact]
    public void The_energy_boost_is_offered_only_when_asked_for() =>
        Assert.Contains(NextTrackFinder.Suggest(Current, Library, new NextTrackOptions(AllowEnergyBoost: true)), s => s.Track.Id == Id(5));

    [Theory]
    [InlineData(EnergyDirection.Up, new[] { 2, 8 })]
    [InlineData(EnergyDirection.Down, new[] { 3 })]
    [InlineData(EnergyDirection.Steady, new[] { 1, 4 })]
    public void The_energy_direction_filters_the_suggestions(EnergyDirection direction, int[] expected)
    {
        var ids = NextTrackFinder.Suggest(Current, Library, new NextTrackOptions(Direction: direction)).Select(s => s.Track.Id).Order();
        Assert.Equal(expected.Select(Id), ids);
    }

    [Fact]
    public void Half_time_is_a_match_unless_refused()
    {
        Assert.DoesNotContain(NextTrackFinder.Suggest(Current, Library, new NextTrackOptions(AllowHalfDouble: false)), s => s.Track.Id == Id(8));
        var halfTime = NextTrackFinder.Suggest(Current, Library, new NextTrackOptions()).Single(s => s.Track.Id == Id(8));
        Assert.Contains("half time", halfTime.Transition.Reason);
    }

    [Fact]
    public void A_track_without_key_or_tempo_gets_no_suggestions() =>
        Assert.Empty(NextTrackFinder.Suggest(Library[9], Library, new NextTrackOptions()));
}
