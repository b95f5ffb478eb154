using AudioPlatform.Engine.Spectral;
using AudioPlatform.Engine.Tests.Rhythm;
using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.Engine.Tests.Tonal;

public class KeyEstimatorTests
{
    /// <summary>Scale degrees (semitones above the tonic) of triads: I–IV–V–I in major, i–iv–V–i in minor (harmonic V).</summary>
    private static readonly int[][] MajorCadence = [[0, 4, 7], [5, 9, 12], [7, 11, 14], [0, 4, 7]];
    private static readonly int[][] MinorCadence = [[0, 3, 7], [5, 8, 12], [7, 11, 14], [0, 3, 7]];
    private static readonly int[][] MinorAeolian = [[0, 3, 7], [8, 12, 15], [10, 14, 17], [0, 3, 7]];

    private static ChromaBuilder Render(int tonic, int[][] progression, int repeats = 3, double centsOffTune = 0)
    {
        const double chordSeconds = 1.5;
        var signal = SyntheticAudio.Silence(progression.Length * repeats * chordSeconds + 0.5);
        var tune = Math.Pow(2, centsOffTune / 1200);
        var t = 0.0;
        for (var r = 0; r < repeats; r++)
        {
            foreach (var chord in progression)
            {
                foreach (var degree in chord) SyntheticAudio.AddTone(signal, t, chordSeconds, tune * SyntheticAudio.MidiToHz(60 + tonic + degree), 0.1);
                SyntheticAudio.AddTone(signal, t, chordSeconds, tune * SyntheticAudio.MidiToHz(36 + tonic + chord[0] % 12), 0.15);
                t += chordSeconds;
            }
        }
        var chroma = new ChromaBuilder();
        SyntheticAudio.Feed(signal, chroma);
        return chroma;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(10)]
    public void Major_cadence_gives_its_major_key(int tonic)
    {
        var estimate = new KeyEstimator().Estimate(Render(tonic, MajorCadence));

        Assert.Equal(new MusicalKey(tonic, KeyMode.Major), estimate.Key);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(1)]
    public void Minor_cadence_gives_its_minor_key(int tonic)
    {
        var estimate = new KeyEstimator().Estimate(Render(tonic, MinorCadence));

        Assert.Equal(new MusicalKey(tonic, KeyMode.Minor), estimate.Key);
    }

    [Fact]
    public void Aeolian_progression_i_VI_VII_i_without_a_leading_tone_is_still_minor()
    {
        var estimate = new KeyEstimator().Estimate(Render(9, MinorAeolian));

        Assert.Equal(new MusicalKey(9, KeyMode.Minor), estimate.Key);
    }

    [Fact]
    public void Tuning_a_quarter_tone_sharp_of_a440_keeps_the_key()
    {
        var chroma = Render(7, MajorCadence, centsOffTune: 30);

        var estimate = new KeyEstimator().Estimate(chroma);

        Assert.Equal(new MusicalKey(7, KeyMode.Major), estimate.Key);
        Assert.Equal(33, chroma.TuningCents);
    }

    [Fact]
    public void Runner_up_differs_from_the_key_and_confidence_is_a_share()
    {
        var estimate = new KeyEstimator().Estimate(Render(0, MajorCadence));

        Assert.NotEqual(estimate.Key, estimate.RunnerUp);
        Assert.InRange(estimate.Confidence, 0.0, 1.0);
        Assert.True(estimate.Score >= estimate.RunnerUpScore);
    }

    [Fact]
    public void Chroma_mean_of_a_c_major_triad_peaks_on_its_notes()
    {
        var signal = SyntheticAudio.Silence(3);
        foreach (var note in new[] { 60, 64, 67 }) SyntheticAudio.AddTone(signal, 0, 3, SyntheticAudio.MidiToHz(note), 0.1);
        var chroma = new ChromaBuilder();
        SyntheticAudio.Feed(signal, chroma);

        var mean = chroma.Mean();
        var top = Enumerable.Range(0, 12).OrderByDescending(i => mean[i]).Take(3).Order().ToArray();

        Assert.Equal([0, 4, 7], top);
        Assert.Equal(12, chroma.StandardDeviation().Length);
    }

    [Fact]
    public void Silence_has_no_key_confidence()
    {
        var chroma = new ChromaBuilder();
        SyntheticAudio.Feed(SyntheticAudio.Silence(2), chroma);

        Assert.Equal(0, new KeyEstimator().Estimate(chroma).Confidence);
    }

    [Theory]
    [InlineData("silence", KeyEstimator.SilentReason)]
    [InlineData("sine", KeyEstimator.SinglePitchReason)]
    [InlineData("noise", KeyEstimator.NoTonalCentreReason)]
    public void Audio_without_a_tonal_centre_has_no_key_and_says_why(string signal, string reason)
    {
        var chroma = new ChromaBuilder();
        var spectral = new SpectralShapeFeatures();
        SyntheticAudio.Feed(TempoEstimatorTests.Beatless(signal, 20), chroma, spectral);

        var decision = new KeyEstimator().Decide(chroma.TunedProfile(), chroma.TunedBassProfile(), spectral.Flatness.Mean);

        Assert.Null(decision.Estimate);
        Assert.Equal(reason, decision.MissingReason);
    }

    /// <summary>
    /// The key profile counts peaks up to <see cref="KeyProfileOptions.MaxHz"/> only (3.5 kHz by default): a tone at
    /// 4 kHz adds nothing to it, while a profile reaching 5 kHz counts it; a tone below the limit counts in both.
    /// </summary>
    [Theory]
    [InlineData(4000, false)]
    [InlineData(1000, true)]
    public void The_key_profile_counts_peaks_up_to_its_frequency_limit(double hz, bool counted)
    {
        var signal = SyntheticAudio.Silence(5);
        for (var i = 0; i < signal.Length; i++) signal[i] = (float)(0.3 * Math.Sin(2 * Math.PI * hz * i / SyntheticAudio.Rate));
        var limited = new ChromaBuilder();
        var wide = new ChromaBuilder(KeyProfileOptions.Default with { MaxHz = 5000 });
        SyntheticAudio.Feed(signal, limited, wide);

        Assert.Equal(3500, KeyProfileOptions.Default.MaxHz);
        Assert.Equal(counted, limited.TunedProfile().Sum() > 0);
        Assert.True(wide.TunedProfile().Sum() > 0);
    }

    [Fact]
    public void An_octave_of_a_single_pitch_class_is_not_a_key()
    {
        var signal = SyntheticAudio.Silence(10);
        SyntheticAudio.AddTone(signal, 0, 10, 220, 0.2);
        SyntheticAudio.AddTone(signal, 0, 10, 440, 0.2);
        var chroma = new ChromaBuilder();
        SyntheticAudio.Feed(signal, chroma);

        Assert.Null(new KeyEstimator().Decide(chroma.TunedProfile()).Estimate);
    }

    /// <summary>
    /// A low tone's partials fall on its fifth and major third nearly as strongly as on its own pitch class (at 55 Hz
    /// the third is 0.21 of the strongest, below the quarter but above the weak share): still one pitch, not a key.
    /// </summary>
    [Theory]
    [InlineData(55)]
    [InlineData(110)]
    public void A_low_tone_with_its_harmonics_is_not_a_key(double hz)
    {
        var signal = SyntheticAudio.Silence(10);
        SyntheticAudio.AddTone(signal, 0, 10, hz, 0.3);
        var chroma = new ChromaBuilder();
        SyntheticAudio.Feed(signal, chroma);

        var decision = new KeyEstimator().Decide(chroma.TunedProfile());

        Assert.Null(decision.Estimate);
        Assert.Equal(KeyEstimator.SinglePitchReason, decision.MissingReason);
    }

    /// <summary>
    /// The profile of a real clip (colobot `music004`, C major): C and G strong, E and D between 0.15 and 0.25 of C.
    /// Only two pitch classes reach a quarter, but D is no partial of C, so this is a scale, not a tone.
    /// </summary>
    [Fact]
    public void A_weak_scale_degree_that_is_no_partial_of_the_strongest_note_completes_a_key()
    {
        double[] profile = [1.0, 0.05, 0.18, 0.05, 0.21, 0.12, 0.05, 0.41, 0.13, 0.06, 0.08, 0.04];

        var decision = new KeyEstimator().Decide(profile);

        Assert.Null(decision.MissingReason);
        Assert.Equal(new MusicalKey(0, KeyMode.Major), decision.Estimate!.Key);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void A_cadence_still_gets_a_key_with_its_runner_up_confidence(int tonic)
    {
        var chroma = Render(tonic, MajorCadence);

        var decision = new KeyEstimator().Decide(chroma.TunedProfile(), chroma.TunedBassProfile());

        Assert.Null(decision.MissingReason);
        Assert.Equal(new MusicalKey(tonic, KeyMode.Major), decision.Estimate!.Key);
        Assert.InRange(decision.Estimate.RunnerUpConfidence, 0, decision.Estimate.Confidence);
    }
}
