namespace AudioPlatform.Mixing.Tests;

public sealed class HarmonicRulesTests
{
    [Theory]
    [InlineData("8A", "8A", KeyTransition.Same)]
    [InlineData("8A", "9A", KeyTransition.Adjacent)]
    [InlineData("8A", "7A", KeyTransition.Adjacent)]
    [InlineData("12B", "1B", KeyTransition.Adjacent)]
    [InlineData("1A", "12A", KeyTransition.Adjacent)]
    [InlineData("8A", "8B", KeyTransition.Relative)]
    [InlineData("8A", "10A", KeyTransition.EnergyBoost)]
    [InlineData("11B", "1B", KeyTransition.EnergyBoost)]
    [InlineData("10A", "8A", KeyTransition.Clash)]
    [InlineData("8A", "9B", KeyTransition.Clash)]
    [InlineData("8A", "2A", KeyTransition.Clash)]
    public void Camelot_moves_are_classified_as_DJs_name_them(string from, string to, KeyTransition expected)
    {
        Assert.True(CamelotKey.TryParse(from, out var a));
        Assert.True(CamelotKey.TryParse(to, out var b));
        Assert.Equal(expected, HarmonicRules.Classify(a, b));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("0A")]
    [InlineData("13B")]
    [InlineData("8C")]
    [InlineData("A8")]
    [InlineData("+8A")]
    [InlineData(null)]
    public void Anything_but_a_Camelot_key_is_not_parsed(string? text) => Assert.False(CamelotKey.TryParse(text, out _));

    [Fact]
    public void Parsing_ignores_case_and_surrounding_space() =>
        Assert.Equal(new CamelotKey(12, 'B'), CamelotKey.TryParse(" 12b ", out var key) ? key : default);

    [Theory]
    [InlineData(120, 122, 1, 1.67)]
    [InlineData(120, 118, 1, -1.67)]
    [InlineData(174, 86, 2, -1.15)]
    [InlineData(85, 172, 0.5, 1.18)]
    public void Tempo_matches_at_the_same_tempo_or_at_half_or_double_time(double from, double to, double factor, double percent)
    {
        var match = HarmonicRules.MatchTempo(from, to, 6);
        Assert.NotNull(match);
        Assert.Equal(factor, match.Factor);
        Assert.Equal(percent, match.PercentChange, 2);
    }

    [Fact]
    public void Tempo_outside_the_tolerance_does_not_match()
    {
        Assert.Null(HarmonicRules.MatchTempo(120, 130, 6));
        Assert.Null(HarmonicRules.MatchTempo(174, 86, 6, allowHalfDouble: false));
        Assert.Null(HarmonicRules.MatchTempo(0, 120, 6));
    }

    [Fact]
    public void A_transition_is_explained_with_key_tempo_and_energy()
    {
        var current = new MixTrack(Guid.NewGuid(), 120, "8A", 0.5);
        var to = new MixTrack(Guid.NewGuid(), 122.16, "9A", 0.7);
        var transition = Transition.Between(current, to, 6);
        Assert.True(transition.Compatible);
        Assert.Equal("8A → 9A, +1.8 % tempo, energy up", transition.Reason);
    }

    [Fact]
    public void A_clash_is_not_compatible_and_costs_more_than_any_compatible_move()
    {
        var current = new MixTrack(Guid.NewGuid(), 120, "8A", 0.5);
        var clash = Transition.Between(current, current with { Id = Guid.NewGuid(), Camelot = "3B" }, 6);
        var boost = Transition.Between(current, current with { Id = Guid.NewGuid(), Camelot = "10A", TempoBpm = 126 }, 6);
        Assert.False(clash.Compatible);
        Assert.Contains("keys clash", clash.Reason);
        Assert.True(boost.Compatible);
        Assert.True(clash.Cost > boost.Cost);
    }
}
