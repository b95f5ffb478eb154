using AudioPlatform.Analysis.Engine.Rhythm;

namespace AudioPlatform.Analysis.Engine.Tests.Rhythm;

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

        Assert.InRange(result.Tempo.Bpm, bpm * 0.98, bpm * 1.02);
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

        Assert.InRange(tempo.Bpm, bpm * 0.98, bpm * 1.02);
        var ratio = tempo.AlternativeBpm / tempo.Bpm;
        Assert.True(Math.Abs(ratio - 2) < 0.05 || Math.Abs(ratio - 0.5) < 0.0125, $"alternative {tempo.AlternativeBpm} is not half or double");
    }

    [Fact]
    public void Silence_has_no_tempo()
    {
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(SyntheticAudio.Silence(10), onsets);

        var result = RhythmAnalyzer.Analyze(onsets);

        Assert.Equal(0, result.Tempo.Bpm);
        Assert.Empty(result.BeatTimes);
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
