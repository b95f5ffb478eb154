using AudioPlatform.Engine.Rhythm;

namespace AudioPlatform.Engine.Tests.Rhythm;

public sealed class RhythmPatternTests
{
    private const double Bpm = 120, Seconds = 12;

    /// <summary>A low kick on every beat and a bright hat at <paramref name="hatFraction"/> of each beat, with the true beats.</summary>
    private static RhythmPattern Pattern(double hatFraction, bool snareOnEvenBeats = false)
    {
        var signal = SyntheticAudio.Silence(Seconds);
        var period = 60 / Bpm;
        var beats = new List<double>();
        for (var (t, i) = (0.5, 0); t < Seconds - 0.5; t += period, i++)
        {
            beats.Add(t);
            SyntheticAudio.AddClick(signal, t, 55, 0.8, 0.06);
            SyntheticAudio.AddClick(signal, t + hatFraction * period, 8000, 0.3, 0.01);
            if (snareOnEvenBeats && i % 2 == 1) SyntheticAudio.AddClick(signal, t, 1500, 0.6, 0.04);
        }
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(signal, onsets);
        return RhythmPattern.From(onsets, beats);
    }

    private static double At(RhythmPattern pattern, int band, double fraction) =>
        pattern.Positions[band * RhythmPattern.BeatFractions.Length + Array.IndexOf(RhythmPattern.BeatFractions, fraction)];

    [Fact]
    public void The_kick_is_found_on_the_beat_and_straight_hats_on_the_off_beat()
    {
        var pattern = Pattern(0.5);

        Assert.True(At(pattern, 0, 0) > 3 * At(pattern, 0, 0.5), $"low band on the beat {At(pattern, 0, 0):F2}, off it {At(pattern, 0, 0.5):F2}");
        Assert.True(At(pattern, 2, 0.5) > 3 * At(pattern, 2, 2.0 / 3), $"high band at ½ {At(pattern, 2, 0.5):F2}, at ⅔ {At(pattern, 2, 2.0 / 3):F2}");
    }

    [Fact]
    public void Swung_hats_move_from_the_half_to_two_thirds_of_the_beat()
    {
        var pattern = Pattern(2.0 / 3);

        Assert.True(At(pattern, 2, 2.0 / 3) > 3 * At(pattern, 2, 0.5), $"high band at ⅔ {At(pattern, 2, 2.0 / 3):F2}, at ½ {At(pattern, 2, 0.5):F2}");
    }

    [Fact]
    public void A_snare_on_every_other_beat_is_a_backbeat_and_a_kick_alone_is_not()
    {
        var plain = Pattern(0.5);
        var backbeat = Pattern(0.5, snareOnEvenBeats: true);

        Assert.True(backbeat.Backbeat[1] > plain.Backbeat[1] + 0.2, $"mid-band backbeat with snare {backbeat.Backbeat[1]:F2}, without {plain.Backbeat[1]:F2}");
        Assert.InRange(plain.Backbeat[0], 0, 0.1);
    }

    [Fact]
    public void Fewer_than_four_beats_give_an_all_zero_pattern()
    {
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(SyntheticAudio.Silence(2), onsets);

        var pattern = RhythmPattern.From(onsets, [0.5, 1.0, 1.5]);

        Assert.All(pattern.Positions.Concat(pattern.Backbeat).Concat(pattern.Periodicity), v => Assert.Equal(0, v));
    }
}
