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

    /// <summary>
    /// A ×4/3 trap: a four-on-the-floor kick at 120 BPM with eighth-note hats under a tresillo (3 + 3 + 2 sixteenths)
    /// on a mid-range click, whose dotted-eighth spacing makes a strong period at 160 BPM. The beat recurs at every
    /// multiple of itself and the tresillo does not, so the grid evidence favours 120 and that is the tempo.
    /// </summary>
    [Fact]
    public void A_tresillo_over_a_quarter_note_kick_keeps_the_quarter_as_the_beat()
    {
        const double bpm = 120;
        var sixteenth = 60 / bpm / 4;
        var signal = SyntheticAudio.Silence(30);
        for (var bar = 0.1; bar < 29; bar += 16 * sixteenth)
        {
            for (var beat = 0; beat < 4; beat++) SyntheticAudio.AddClick(signal, bar + 4 * beat * sixteenth, 70, 0.8, 0.05);
            for (var eighth = 0; eighth < 8; eighth++) SyntheticAudio.AddClick(signal, bar + 2 * eighth * sixteenth, 8000, 0.15, 0.01);
            foreach (var step in new[] { 0, 3, 6, 8, 11, 14 }) SyntheticAudio.AddClick(signal, bar + step * sixteenth, 900, 0.5, 0.03);
        }
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(signal, onsets);

        var decision = TempoEstimator.Decide(onsets, OnsetRate.PerSecond(onsets.GetEnvelope()));

        var quarter = decision.Levels.Single(c => Math.Abs(c.Bpm / bpm - 1) < 0.04);
        var dotted = decision.Levels.Single(c => Math.Abs(c.Bpm / (bpm * 4 / 3) - 1) < 0.04);
        Assert.True(quarter.Evidence!.LogGridPeriodicity > dotted.Evidence!.LogGridPeriodicity,
            $"grid evidence {quarter.Evidence.LogGridPeriodicity:F2} at 120, {dotted.Evidence.LogGridPeriodicity:F2} at 160");
        Assert.True(Math.Abs(decision.Chosen!.Bpm / bpm - 1) < 0.04, string.Join("\n", decision.Levels.Select(c => $"{c.Bpm:F1} {c.Confidence:F2} {string.Join(" ", c.Evidence!.Features().Select(f => f.ToString("F2")))}")));
    }

    /// <summary>
    /// A march at 190 BPM (a chord on every beat, the bass on one, nothing between the beats): the level at the beat has no
    /// subdivision at all and the half-tempo level a strong one. The clear-subdivision evidence stops at 0.1 for the
    /// first and keeps the strength of the second, and with it the beat stays at 190 instead of being halved.
    /// </summary>
    [Fact]
    public void A_fast_march_with_nothing_between_its_beats_is_not_halved()
    {
        const double bpm = 190;
        var beat = 60 / bpm;
        var signal = SyntheticAudio.Silence(30);
        var index = 0;
        for (var t = 0.1; t < 29.5; t += beat, index++)
        {
            SyntheticAudio.AddClick(signal, t, 600, 0.6, 0.05);
            if (index % 2 == 0) SyntheticAudio.AddClick(signal, t, 70, 0.15, 0.08);
        }
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(signal, onsets);

        var decision = TempoEstimator.Decide(onsets, OnsetRate.PerSecond(onsets.GetEnvelope()));

        var atBeat = decision.Levels.Single(c => Math.Abs(c.Bpm / bpm - 1) < 0.04).Evidence!;
        var half = decision.Levels.Single(c => Math.Abs(c.Bpm / (bpm / 2) - 1) < 0.04).Evidence!;
        Assert.Equal(Math.Log(TempoEstimator.ClearSubdivisionStrength), atBeat.LogClearSubdivision, 9);
        Assert.True(atBeat.LogSubdivisionPeriodicity < atBeat.LogClearSubdivision, $"subdivision {atBeat.LogSubdivisionPeriodicity:F2} at the beat");
        Assert.Equal(half.LogSubdivisionPeriodicity, half.LogClearSubdivision, 9);
        Assert.True(Math.Abs(decision.Chosen!.Bpm / bpm - 1) < 0.04,
            string.Join("\n", decision.Levels.Select(c => $"{c.Bpm:F1} {c.Confidence:F2} {string.Join(" ", c.Evidence!.Features().Select(f => f.ToString("F2")))}")));
    }

    /// <summary>
    /// A shuffle at 146 BPM (kick on one and three, snare on two and four, a hat on every triplet eighth): its beat period,
    /// 17.7 frames, falls between two lags of the autocorrelation, and its grid recurs every third of a beat. Every level
    /// weighed is a peak of the autocorrelation, not the slope of one just outside the level's ±4 % window (a slope
    /// used to make a level at lag 19.5, 132.5 BPM, borrowing the beat's periodicity), and the tempo is within 1 %.
    /// </summary>
    [Fact]
    public void A_shuffle_whose_beat_falls_between_lags_is_read_within_one_percent_from_peaks_only()
    {
        const double bpm = 146;
        var beat = 60 / bpm;
        var signal = SyntheticAudio.Silence(30);
        var index = 0;
        for (var t = 0.1; t < 29.5; t += beat, index++)
        {
            SyntheticAudio.AddClick(signal, t, index % 2 == 0 ? 70 : 1800, 0.7, 0.05);
            for (var third = 0; third < 3; third++) SyntheticAudio.AddClick(signal, t + third * beat / 3, 8000, third == 0 ? 0.25 : 0.15, 0.01);
        }
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(signal, onsets);
        var acf = TempoEstimator.Autocorrelation(onsets);

        var result = RhythmAnalyzer.Analyze(onsets);

        bool IsPeak(int lag) => acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1];
        foreach (var level in result.TempoCandidates)
        {
            var below = (int)Math.Floor(level.PeriodFrames);
            Assert.True(IsPeak(below) || IsPeak(below + 1),
                $"level {level.Bpm:F1} at lag {level.PeriodFrames:F2} is not a peak: {acf[below - 1]:F3} {acf[below]:F3} {acf[below + 1]:F3} {acf[below + 2]:F3}");
        }
        Assert.InRange(result.Tempo.Bpm!.Value, bpm * 0.99, bpm * 1.01);
    }

    /// <summary>
    /// A whole track is decided window by window and the windows vote, so the tempo is the one most of the track is
    /// at: a loud, busy 45-s intro at 90 BPM (kick, snare and hats) before 2¼ minutes of quiet clicks at 128. One
    /// autocorrelation over the whole track is ruled by the loud section and says 90; each 30-s window has its own scale.
    /// </summary>
    [Fact]
    public void A_long_track_takes_the_tempo_most_of_it_is_at_not_its_loudest_section()
    {
        var signal = SyntheticAudio.Silence(180);
        for (var t = 0.1; t < 45; t += 60 / 90.0)
        {
            SyntheticAudio.AddClick(signal, t, 70, 0.9, 0.08);
            SyntheticAudio.AddClick(signal, t + 30 / 90.0, 2500, 0.6, 0.04);
            SyntheticAudio.AddClick(signal, t + 15 / 90.0, 9000, 0.3, 0.01);
        }
        for (var t = 45.1; t < 179.5; t += 60 / 128.0) SyntheticAudio.AddClick(signal, t, 1000, 0.08);
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(signal, onsets);

        var tempo = RhythmAnalyzer.Analyze(onsets).Tempo;

        Assert.InRange(tempo.Bpm!.Value, 128 * 0.98, 128 * 1.02);
        Assert.NotNull(tempo.AlternativeBpm);
    }

    /// <summary>A track of 30 s or so is one window: its decision is the one the octave model was fitted on.</summary>
    [Fact]
    public void A_short_track_is_decided_whole()
    {
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(SyntheticAudio.ClickTrack(100, 40), onsets);
        var acf = TempoEstimator.Autocorrelation(onsets);

        var windowed = TempoEstimator.Decide(onsets, OnsetRate.PerSecond(onsets.GetEnvelope()));
        var whole = TempoEstimator.Decide(acf, TempoEstimator.Autocorrelation(onsets.GetLowEnvelope(), acf.Length), onsets.GetEnvelope(),
            OnsetRate.PerSecond(onsets.GetEnvelope()), TempoModel.Fitted);

        Assert.Equal(whole.Levels.Select(l => l.Bpm), windowed.Levels.Select(l => l.Bpm));
        Assert.Equal(whole.Levels.Select(l => l.Confidence), windowed.Levels.Select(l => l.Confidence));
    }

    /// <summary>Beats tracked at the click period land on the clicks; at 1.5 times it every other one falls between them.</summary>
    [Fact]
    public void Beat_contrast_is_highest_at_the_period_of_the_clicks()
    {
        const double bpm = 120;
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(SyntheticAudio.ClickTrack(bpm, 30), onsets);
        var envelope = onsets.GetEnvelope();
        var period = 60 * AudioPlatform.Engine.Framing.FrameSettings.FrameRate / bpm;

        var atBeat = TempoEstimator.BeatContrast(envelope, period);

        Assert.True(atBeat > 1, $"contrast {atBeat:F2} at the click period");
        Assert.True(atBeat > TempoEstimator.BeatContrast(envelope, period * 1.5) + 0.5);
        Assert.True(atBeat > TempoEstimator.BeatContrast(envelope, period * 0.75) + 0.5);
    }

    public static TheoryData<string, double> BeatlessSignals => new()
    {
        { "silence", 30 }, { "sine", 30 }, { "noise", 30 }, { "drone", 30 }, { "swell", 30 },
        // At a track's length a faint repeating ripple passes the autocorrelation's tests (the drone read 103 BPM at 3
        // minutes), and noise stands further above its standard error: long audio is where a spurious tempo shows.
        { "sine", 180 }, { "noise", 180 }, { "drone", 180 }, { "swell", 180 },
    };

    [Theory]
    [MemberData(nameof(BeatlessSignals))]
    public void Audio_without_a_beat_has_no_tempo_and_says_why(string signal, double seconds)
    {
        var onsets = new OnsetEnvelopeBuilder();
        SyntheticAudio.Feed(Beatless(signal, seconds), onsets);

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
