using AudioPlatform.Engine.Framing;
using AudioPlatform.Engine.Spectral;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Engine.Tests.Spectral;

public sealed class SpectralFeatureTests
{
    private static void Feed(float[] signal, params IFrameConsumer[] consumers)
    {
        var pipeline = new StftPipeline();
        foreach (var c in consumers)
            pipeline.Add(c);
        pipeline.Push(signal);
        pipeline.Complete();
    }

    [Fact]
    public void A_1kHz_sine_has_its_centroid_and_rolloff_at_1kHz_no_flatness_and_the_matching_zero_crossing_rate()
    {
        var features = new SpectralShapeFeatures();

        Feed(Signals.Sine(1000, 5, FrameSettings.SampleRate, 1, -6), features);

        Assert.InRange(features.CentroidHz.Mean, 950, 1080);
        Assert.InRange(features.RolloffHz.Mean, 980, 1030);
        Assert.InRange(features.Flatness.Mean, 0, 0.01);
        Assert.InRange(features.ZeroCrossingRate.Mean, 2000.0 / 22050 - 0.002, 2000.0 / 22050 + 0.002);
    }

    [Fact]
    public void White_noise_is_flat_with_its_centroid_at_a_quarter_of_the_rate()
    {
        var features = new SpectralShapeFeatures();

        Feed(Signals.WhiteNoise(5, FrameSettings.SampleRate), features);

        Assert.InRange(features.CentroidHz.Mean, 5300, 5750);
        Assert.InRange(features.RolloffHz.Mean, 0.85 * 11025 - 250, 0.85 * 11025 + 250);
        // The power spectrum of white noise is exponentially distributed: geometric/arithmetic mean = e^-γ ≈ 0.56.
        Assert.InRange(features.Flatness.Mean, 0.45, 0.65);
        Assert.InRange(features.ZeroCrossingRate.Mean, 0.47, 0.53);
    }

    [Fact]
    public void Silent_frames_are_left_out_of_the_summaries()
    {
        var features = new SpectralShapeFeatures();
        var signal = Signals.Concat(new float[22050 * 2], Signals.Sine(1000, 2, FrameSettings.SampleRate, 1, -6));

        Feed(signal, features);

        Assert.True(features.SilentFrames > 70);
        Assert.InRange(features.CentroidHz.Mean, 950, 1080);
    }

    [Fact]
    public void Mfcc_has_13_finite_coefficients_and_tells_a_tone_from_noise()
    {
        var tone = new MfccFeatures();
        var noise = new MfccFeatures();

        Feed(Signals.Sine(440, 3, FrameSettings.SampleRate, 1, -6), tone);
        Feed(Signals.WhiteNoise(3, FrameSettings.SampleRate), noise);

        Assert.Equal(MfccFeatures.Coefficients, tone.Mean().Length);
        Assert.All(tone.Mean().Concat(tone.Std()), v => Assert.True(double.IsFinite(v)));
        var distance = Math.Sqrt(tone.Mean().Zip(noise.Mean(), (a, b) => (a - b) * (a - b)).Sum());
        Assert.True(distance > 20, $"distance {distance}");
    }

    [Fact]
    public void A_gain_change_moves_only_the_first_mfcc_by_the_gain_times_the_square_root_of_the_band_count()
    {
        var quiet = new MfccFeatures();
        var loud = new MfccFeatures();

        Feed(Signals.WhiteNoise(3, FrameSettings.SampleRate, amplitude: 0.1), quiet);
        Feed(Signals.WhiteNoise(3, FrameSettings.SampleRate, amplitude: 0.2), loud);

        Assert.Equal(20 * Math.Log10(2) * Math.Sqrt(40), loud.Mean()[0] - quiet.Mean()[0], 1);
        for (var c = 1; c < MfccFeatures.Coefficients; c++)
            Assert.Equal(quiet.Mean()[c], loud.Mean()[c], 1);
    }

    [Fact]
    public void Running_stats_give_population_mean_and_std()
    {
        var s = new RunningStats();
        foreach (var v in new[] { 2.0, 4, 4, 4, 5, 5, 7, 9 })
            s.Add(v);

        Assert.Equal(5, s.Mean, 10);
        Assert.Equal(2, s.StdDev, 10);
    }
}
