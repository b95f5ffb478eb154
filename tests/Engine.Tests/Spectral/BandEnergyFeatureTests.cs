using AudioPlatform.Engine.Framing;
using AudioPlatform.Engine.Spectral;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Engine.Tests.Spectral;

public sealed class BandEnergyFeatureTests
{
    private static BandEnergyFeatures Measure(float[] signal)
    {
        var features = new BandEnergyFeatures();
        var pipeline = new StftPipeline();
        pipeline.Add(features);
        pipeline.Push(signal);
        pipeline.Complete();
        return features;
    }

    [Fact]
    public void An_80_Hz_sine_puts_its_energy_in_the_lowest_band_only()
    {
        var share = Measure(Signals.Sine(80, 5, FrameSettings.SampleRate, 1, -6)).ShareMean();

        Assert.InRange(share[0], -0.5, 0);
        for (var b = 2; b < BandEnergyFeatures.Bands; b++) Assert.True(share[b] < -40, $"band {b}: {share[b]:F1} dB");
    }

    [Fact]
    public void White_noise_spreads_by_bandwidth_and_is_far_less_peaked_than_a_sine()
    {
        var noise = Measure(Signals.WhiteNoise(5, FrameSettings.SampleRate));
        var sine = Measure(Signals.Sine(3000, 5, FrameSettings.SampleRate, 1, -6));

        // 6–11 kHz is 5 kHz of the 11 kHz measured; 40–150 Hz is 110 Hz of it.
        Assert.InRange(noise.ShareMean()[5], -4, -2.5);
        Assert.InRange(noise.ShareMean()[0], -22, -18);
        // A windowed sine fills about 3 of the band's 325 bins (about 21 dB over the mean); the largest of 325 exponential noise bins is about 8 dB.
        Assert.True(sine.Contrast()[4] > noise.Contrast()[4] + 10, $"sine {sine.Contrast()[4]:F1} dB, noise {noise.Contrast()[4]:F1} dB");
    }
}
