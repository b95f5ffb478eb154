using AudioPlatform.Engine.Rhythm;

namespace AudioPlatform.Engine.Tests.Rhythm;

public class TempoEstimatorTests
{
    [Theory]
    [InlineData(90)]
    [InlineData(120)]
    [InlineData(128)]
    [InlineData(174)]
    [InlineData(66)]
    public void Click_track_tempo_is_found_within_two_percent(double bpm)
    {
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(SyntheticAudio.ClickTrack(bpm, 30), onsets);

        var result = RhythmAnalyzer.Analyze(onsets);

        Assert.InRange(result.Tempo.Bpm!.Value, bpm * 0.98, bpm * 1.02);
    }

    [Fact]
    public void Beats_of_a_click_track_fall_on_the_clicks()
    {
        const double bpm = 120;
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(SyntheticAudio.ClickTrack(bpm, 20), onsets);

        var beats = RhythmAnalyzer.Analyze(onsets).BeatTimes;

        Assert.InRange(beats.Count, 36, 40);
        foreach (var beat in beats)
        {
            var phase = (beat - 0.1) / 0.5;
            Assert.InRange(Math.Abs(phase - Math.Round(phase)) * 0.5, 0, 0.035);
        }
    }

    [Fact]
    public void Quiet_off_beat_hats_do_not_double_the_tempo()
    {
        const double bpm = 70;
        var signal = SyntheticAudio.Silence(30);
        for (var t = 0.1; t < 29.5; t += 60 / bpm)
        {
            SyntheticAudio.AddClick(signal, t, 80, 0.8, 0.05);
            SyntheticAudio.AddClick(signal, t + 30 / bpm, 8000, 0.1, 0.01);
        }
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(signal, onsets);

        var tempo = RhythmAnalyzer.Analyze(onsets).Tempo;

        Assert.InRange(tempo.Bpm!.Value, bpm * 0.98, bpm * 1.02);
        var ratio = tempo.AlternativeBpm!.Value / tempo.Bpm.Value;
        Assert.True(Math.Abs(ratio - 2) < 0.05 || Math.Abs(ratio - 0.5) < 0.0125, $"alternative {tempo.AlternativeBpm} is not half or double");
    }

    public static TheoryData<string> BeatlessSignals => ["silence", "sine", "noise", "drone", "swell"];

    [Theory]
    [MemberData(nameof(BeatlessSignals))]
    public void Audio_without_a_beat_has_no_tempo_and_says_why(string signal)
    {
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(Beatless(signal, 30), onsets);

        var result = RhythmAnalyzer.Analyze(onsets);

        Assert.Null(result.Tempo.Bpm);
        Assert.Null(result.Tempo.AlternativeBpm);
        Assert.False(string.IsNullOrWhiteSpace(result.Tempo.MissingReason));
        Assert.Empty(result.BeatTimes);
    }

    [Fact]
    public void A_clip_shorter_than_five_seconds_has_no_tempo()
    {
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(SyntheticAudio.ClickTrack(120, 3), onsets);

        var tempo = RhythmAnalyzer.Analyze(onsets).Tempo;

        Assert.Null(tempo.Bpm);
        Assert.Equal(TempoEstimator.TooShortReason, tempo.MissingReason);
    }

    /// <summary>Signals with sound but no pulse: a steady sine, white noise, a chord drone with slow vibrato, a slow swell of noise.</summary>
    internal static float[] Beatless(string kind, double seconds)
    {
        const int rate = SyntheticAudio.Rate;
        var n = (int)(seconds * rate);
        var signal = new float[n];
        var random = new Random(5);
        for (var i = 0; i < n; i++)
        {
            var t = (double)i / rate;
            signal[i] = kind switch
            {
                "sine" => (float)(0.5 * Math.Sin(2 * Math.PI * 440 * t)),
                "noise" => (float)(0.3 * (random.NextDouble() * 2 - 1)),
                "drone" => (float)(0.2 * (Math.Sin(2 * Math.PI * 110 * t + 0.3 * Math.Sin(2 * Math.PI * 0.2 * t))
                    + Math.Sin(2 * Math.PI * 164.8 * t) + Math.Sin(2 * Math.PI * 220 * t))),
                "swell" => (float)(0.3 * (0.6 + 0.4 * Math.Sin(2 * Math.PI * 0.07 * t)) * (random.NextDouble() * 2 - 1)),
                _ => 0f,
            };
        }
        return signal;
    }

    [Fact]
    public void Onset_rate_counts_clicks_per_second()
    {
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(SyntheticAudio.ClickTrack(150, 20), onsets);

        var rate = RhythmAnalyzer.Analyze(onsets).OnsetRate;

        Assert.InRange(rate, 2.5 * 0.9, 2.5 * 1.05);
    }
}
