using AudioPlatform.Engine.Dsp;
using AudioPlatform.Engine.Framing;
using AudioPlatform.Engine.Tests.Support;

namespace AudioPlatform.Engine.Tests.Framing;

public sealed class StftPipelineTests
{
    private sealed class Recorder : IFrameConsumer
    {
        public List<int> Indices { get; } = [];
        public List<float[]> Frames { get; } = [];
        public List<float[]> Spectra { get; } = [];

        public void Consume(int frameIndex, ReadOnlySpan<float> samples, ReadOnlySpan<float> magnitudes)
        {
            Indices.Add(frameIndex);
            Frames.Add(samples.ToArray());
            Spectra.Add(magnitudes.ToArray());
        }
    }

    private static Recorder Run(float[] signal, int chunk)
    {
        var recorder = new Recorder();
        var pipeline = new StftPipeline();
        pipeline.Add(recorder);
        for (var o = 0; o < signal.Length; o += chunk)
            pipeline.Push(signal.AsSpan(o, Math.Min(chunk, signal.Length - o)));
        pipeline.Complete();
        return recorder;
    }

    [Theory]
    [InlineData(22050)]
    [InlineData(512 * 40)]
    [InlineData(100)]
    public void Frames_are_centred_on_hops_and_number_one_plus_length_over_hop(int length)
    {
        var recorder = Run(new float[length], 333);

        Assert.Equal(1 + length / FrameSettings.HopSize, recorder.Indices.Count);
        Assert.Equal(Enumerable.Range(0, recorder.Indices.Count), recorder.Indices);
    }

    [Fact]
    public void An_impulse_appears_at_the_centre_of_the_frame_on_its_hop()
    {
        var signal = new float[22050];
        signal[10 * FrameSettings.HopSize] = 1;

        var recorder = Run(signal, 1000);

        Assert.Equal(1f, recorder.Frames[10][FrameSettings.FftSize / 2]);
        Assert.Equal(0f, recorder.Frames[0].Sum());
    }

    [Fact]
    public void A_sine_peaks_in_its_bin_and_chunking_does_not_change_any_frame()
    {
        var bin = 93; // 1001.3 Hz
        var signal = Signals.Sine(FrameSettings.BinFrequency(bin), 2, FrameSettings.SampleRate, 1, -6);

        var small = Run(signal, 7);
        var large = Run(signal, 44100);

        var spectrum = small.Spectra[20];
        Assert.Equal(bin, Array.IndexOf(spectrum, spectrum.Max()));
        Assert.Equal(large.Spectra.Count, small.Spectra.Count);
        for (var f = 0; f < small.Spectra.Count; f++)
            Assert.Equal(large.Spectra[f], small.Spectra[f]);
    }
}

public sealed class PolyphaseResamplerTests
{
    private static float[] Resample(float[] input, int from, int to, int chunk = 1000)
    {
        var r = new PolyphaseResampler(from, to);
        var output = new List<float>();
        for (var o = 0; o < input.Length; o += chunk)
            output.AddRange(r.Process(input.AsSpan(o, Math.Min(chunk, input.Length - o))));
        output.AddRange(r.Flush());
        return [.. output];
    }

    private static double RmsDb(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (var v in x)
            s += v * v;
        return 10 * Math.Log10(s / x.Length);
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(96000)]
    [InlineData(16000)]
    [InlineData(22050)]
    public void A_1kHz_sine_keeps_its_level_and_frequency_and_the_length_scales(int from)
    {
        var input = Signals.Sine(1000, 2, from, 1, -6);

        var output = Resample(input, from, 22050);

        Assert.Equal((long)input.Length * 22050 / from, output.Length, 1.0);
        var middle = output.AsSpan(2000, output.Length - 4000);
        Assert.InRange(RmsDb(middle), -9.1, -8.95);
        var crossings = 0;
        for (var i = 1; i < middle.Length; i++)
            if (middle[i - 1] < 0 != middle[i] < 0)
                crossings++;
        Assert.InRange(crossings / (middle.Length / 22050.0) / 2, 995, 1005);
    }

    [Fact]
    public void Content_above_the_new_nyquist_is_filtered_out_rather_than_aliased()
    {
        var input = Signals.Sine(15000, 2, 48000, 1, -6);

        var output = Resample(input, 48000, 22050);

        Assert.True(RmsDb(output.AsSpan(2000, output.Length - 4000)) < -60);
    }

    [Fact]
    public void Output_is_aligned_with_input_time()
    {
        var input = new float[44100];
        input[22050] = 1; // 0.5 s

        var output = Resample(input, 44100, 22050);

        var peak = Array.IndexOf(output, output.Max());
        Assert.Equal(11025, peak);
    }
}
