using AudioPlatform.Engine.Dsp;
using AudioPlatform.Engine.Tests.Support;
using NWaves.Transforms;

namespace AudioPlatform.Engine.Tests.Framing;

public sealed class FastRealFftTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(256)]
    [InlineData(2048)]
    public void Magnitudes_match_a_reference_fft(int size)
    {
        var input = Signals.WhiteNoise((double)size / 1000, 1000, seed: size);
        var expected = new float[size / 2 + 1];
        new RealFft(size).MagnitudeSpectrum((float[])input.Clone(), expected);
        var actual = new float[size / 2 + 1];

        new FastRealFft(size).Magnitudes(input, actual);

        var scale = expected.Max();
        for (var k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) < 1e-4 * scale, $"bin {k}: {expected[k]} vs {actual[k]}");
    }

    [Fact]
    public void A_cosine_on_a_bin_has_magnitude_half_the_size_times_its_amplitude()
    {
        const int size = 1024;
        var input = new float[size];
        for (var i = 0; i < size; i++)
            input[i] = (float)(0.5 * Math.Cos(2 * Math.PI * 37 * i / size));
        var magnitudes = new float[size / 2 + 1];

        new FastRealFft(size).Magnitudes(input, magnitudes);

        Assert.Equal(size / 2 * 0.5, magnitudes[37], 2);
        Assert.True(magnitudes[36] < 1e-2 && magnitudes[0] < 1e-2);
    }
}
