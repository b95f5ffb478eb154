using AudioPlatform.Engine.Framing;
using AudioPlatform.Engine.Spectral;
using AudioPlatform.Engine.Tests.Rhythm;
using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.Engine.Tests.Tonal;

/// <summary>The key's front end: spectral whitening, the strongest peaks only, energy, and the profile gate.</summary>
public class KeyFrontEndTests
{
    private static float[] Spectrum(params (int Bin, float Magnitude)[] peaks)
    {
        var magnitudes = new float[FrameSettings.BinCount];
        Array.Fill(magnitudes, 1e-5f);
        foreach (var (bin, magnitude) in peaks)
        {
            magnitudes[bin] = magnitude;
            magnitudes[bin - 1] = magnitude / 4;
            magnitudes[bin + 1] = magnitude / 4;
        }
        return magnitudes;
    }

    [Fact]
    public void Whitening_counts_a_peak_at_its_band_envelope_whatever_its_level_and_one_far_below_it_not_at_all()
    {
        var whitening = new SpectralWhitening(3500);
        var loud = Spectrum((40, 10f));
        whitening.Estimate(loud);
        var loudWeight = whitening.Whiten(FrameSettings.BinFrequency(40), 10f);
        var farBelow = whitening.Whiten(FrameSettings.BinFrequency(40), 0.001f);

        var quiet = Spectrum((40, 0.01f));
        whitening.Estimate(quiet);
        var quietWeight = whitening.Whiten(FrameSettings.BinFrequency(40), 0.01f);

        Assert.InRange(loudWeight, 0.7, 1.0);
        Assert.Equal(loudWeight, quietWeight, 3);
        Assert.Equal(0, farBelow);
    }

    [Fact]
    public void Whitening_weighs_a_high_peak_less_than_a_low_one_at_the_same_height_above_its_envelope()
    {
        var whitening = new SpectralWhitening(3500);
        var magnitudes = Spectrum((30, 1f), (280, 1f));
        whitening.Estimate(magnitudes);

        Assert.True(whitening.Whiten(FrameSettings.BinFrequency(280), 1f) < 0.7 * whitening.Whiten(FrameSettings.BinFrequency(30), 1f));
    }

    [Fact]
    public void With_max_peaks_only_the_strongest_peaks_of_a_frame_count()
    {
        // C (loud) and F# (quiet) in every frame: with one peak per frame only C is in the profile.
        var magnitudes = Spectrum((24, 1f), (34, 0.2f));
        var one = new ChromaBuilder(KeyProfileOptions.Default with { MaxPeaks = 1, Harmonics = 1 });
        var all = new ChromaBuilder(KeyProfileOptions.Default with { Harmonics = 1 });
        for (var f = 0; f < 10; f++)
        {
            one.Consume(f, default, magnitudes);
            all.Consume(f, default, magnitudes);
        }

        var strongest = Array.IndexOf(all.TunedProfile(), all.TunedProfile().Max());
        Assert.Equal(1, one.TunedProfile().Count(v => v > 0.01 * one.TunedProfile().Max()));
        Assert.True(all.TunedProfile().Count(v => v > 0.01 * all.TunedProfile().Max()) >= 2);
        Assert.Equal(strongest, Array.IndexOf(one.TunedProfile(), one.TunedProfile().Max()));
    }

    [Fact]
    public void The_profile_gate_ignores_weak_pitch_classes()
    {
        // A C major scale profile plus a weak C# (a tenth of the strongest): gated, it is as if the C# were not there.
        double[] clean = [1, 0, 0.5, 0, 0.6, 0.5, 0, 0.8, 0, 0.5, 0, 0.4];
        var noisy = (double[])clean.Clone();
        noisy[1] = 0.1;
        var gated = new KeyEstimator(KeyProfile.Bgate, 0, 0.2);

        Assert.Equal(gated.Estimate(clean).Score, gated.Estimate(noisy).Score, 12);
        Assert.NotEqual(new KeyEstimator(KeyProfile.Bgate, 0, 0).Estimate(clean).Score, new KeyEstimator(KeyProfile.Bgate, 0, 0).Estimate(noisy).Score);
    }

    [Theory]
    [InlineData("sine", KeyEstimator.SinglePitchReason)]
    [InlineData("noise", KeyEstimator.NoTonalCentreReason)]
    [InlineData("silence", KeyEstimator.SilentReason)]
    public void The_whitened_front_end_still_gives_no_key_without_a_tonal_centre(string signal, string reason)
    {
        var chroma = new ChromaBuilder(KeyProfileOptions.Default with { Weighting = PeakWeighting.Whitened, Energy = true, MaxPeaks = 60 });
        var spectral = new SpectralShapeFeatures();
        SyntheticAudio.Feed(TempoEstimatorTests.Beatless(signal, 20), chroma, spectral);

        var decision = new KeyEstimator().Decide(chroma.TunedProfile(), chroma.TunedBassProfile(), spectral.Flatness.Mean);

        Assert.Null(decision.Estimate);
        Assert.Equal(reason, decision.MissingReason);
    }

    [Fact]
    public void A_440_hz_tone_with_its_harmonics_is_not_a_key()
    {
        var signal = SyntheticAudio.Silence(10);
        SyntheticAudio.AddTone(signal, 0, 10, 440, 0.3);
        var chroma = new ChromaBuilder();
        SyntheticAudio.Feed(signal, chroma);

        Assert.Null(new KeyEstimator().Decide(chroma.TunedProfile()).Estimate);
    }
}
