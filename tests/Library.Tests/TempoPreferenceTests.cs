using AudioPlatform.Library.Model;

namespace AudioPlatform.Library.Tests;

public sealed class TempoPreferenceTests
{
    private static TempoCorrectionPair[] Pairs(params (double Analysis, double Corrected)[] pairs) =>
        pairs.Select(p => new TempoCorrectionPair(p.Analysis, p.Corrected)).ToArray();

    [Fact]
    public void Two_doublings_near_the_tempo_double_it() =>
        Assert.Equal(176.0, TempoPreference.PreferredFor(88, Pairs((85, 170), (87, 174))));

    [Fact]
    public void Two_halvings_near_the_tempo_halve_it() =>
        Assert.Equal(70.0, TempoPreference.PreferredFor(140, Pairs((142, 71), (138, 69))));

    [Fact]
    public void One_correction_is_not_a_preference() =>
        Assert.Null(TempoPreference.PreferredFor(85, Pairs((85, 170))));

    [Fact]
    public void Corrections_in_both_directions_are_not_a_preference() =>
        Assert.Null(TempoPreference.PreferredFor(85, Pairs((85, 170), (86, 172), (84, 42))));

    [Fact]
    public void A_correction_other_than_an_octave_breaks_the_preference() =>
        Assert.Null(TempoPreference.PreferredFor(85, Pairs((85, 170), (86, 172), (85, 90))));

    [Fact]
    public void Corrections_of_another_tempo_region_do_not_count() =>
        Assert.Null(TempoPreference.PreferredFor(120, Pairs((85, 170), (86, 172))));

    [Fact]
    public void A_preferred_tempo_beyond_the_limits_is_not_offered() =>
        Assert.Null(TempoPreference.PreferredFor(160, Pairs((160, 320), (158, 316))));

    [Fact]
    public void No_tempo_has_no_preference() =>
        Assert.Null(TempoPreference.PreferredFor(null, Pairs((85, 170), (86, 172))));
}
