using System.Diagnostics;
using AudioPlatform.Engine.Dsp;
using AudioPlatform.Engine.Framing;
using NWaves.Operations;
using NWaves.Signals;
using NWaves.Transforms;

namespace AudioPlatform.Benchmark;

/// <summary>
/// <c>--dsp</c>: the engine's own FFT and resampler against NWaves' on the sizes the engine uses (a 2,048-point magnitude
/// spectrum per STFT frame, 44.1 and 48 kHz to 22,050 Hz), timed with a Stopwatch after a warm-up, plus how far apart
/// their outputs are. It decides which one the engine uses: NWaves where it is as fast and gives the same numbers.
/// </summary>
public static class DspBenchmark
{
    private const int Seconds = 30;

    public static int Run()
    {
        Console.WriteLine($"DSP micro-benchmark (.NET {Environment.Version}, {Environment.ProcessorCount} cores, best of 5 runs after a warm-up)");
        Fft();
        foreach (var rate in new[] { 44100, 48000 })
            Resample(rate);
        return 0;
    }

    private static void Fft()
    {
        const int size = FrameSettings.FftSize;
        const int frames = 20_000;
        var random = new Random(1);
        var frame = Enumerable.Range(0, size).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var work = new float[size];
        var ours = new FastRealFft(size);
        var theirs = new RealFft(size);
        var ourMagnitudes = new float[size / 2 + 1];
        var theirMagnitudes = new float[size / 2 + 1];

        var ourTime = Best(() =>
        {
            for (var i = 0; i < frames; i++)
            {
                frame.CopyTo(work, 0);
                ours.Magnitudes(work, ourMagnitudes);
            }
        });
        var theirTime = Best(() =>
        {
            for (var i = 0; i < frames; i++)
            {
                frame.CopyTo(work, 0);
                theirs.MagnitudeSpectrum(work, theirMagnitudes);
            }
        });

        var scale = theirMagnitudes.Max();
        var difference = ourMagnitudes.Zip(theirMagnitudes, (a, b) => Math.Abs(a - b)).Max() / scale;
        Report($"FFT magnitudes, {size} points", frames, "frames", ourTime, theirTime, $"largest difference {difference:E1} of the peak");
    }

    private static void Resample(int inputRate)
    {
        var random = new Random(2);
        var input = new float[inputRate * Seconds];
        for (var i = 0; i < input.Length; i++)
            input[i] = (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / inputRate) + 0.2 * (random.NextDouble() * 2 - 1));

        float[] ourOutput = [];
        var ourTime = Best(() => ourOutput = ResampleStreaming(input, inputRate));
        float[] theirOutput = [];
        var theirTime = Best(() => theirOutput = new Resampler().Resample(new DiscreteSignal(inputRate, input), FrameSettings.SampleRate).Samples);

        // The two filters delay the signal differently: compare at the lag where they agree best.
        var (lag, difference) = Enumerable.Range(-64, 129)
            .Select(shift => (shift, LargestDifference(ourOutput, theirOutput, shift)))
            .MinBy(pair => pair.Item2);
        Report($"Resampling {inputRate} → {FrameSettings.SampleRate} Hz", Seconds, "s of audio", ourTime, theirTime,
            $"{ourOutput.Length} vs {theirOutput.Length} samples, largest difference {difference:F4} at the best lag ({lag}) (signal peak 0.7)");
    }

    private static double LargestDifference(float[] ours, float[] theirs, int lag)
    {
        var largest = 0.0;
        for (var i = 1000; i < Math.Min(ours.Length, theirs.Length) - 1000; i++)
            largest = Math.Max(largest, Math.Abs(ours[i] - theirs[i + lag]));
        return largest;
    }

    /// <summary>As the analyser feeds it: 16,384-frame chunks, then the flush.</summary>
    private static float[] ResampleStreaming(float[] input, int inputRate)
    {
        var resampler = new PolyphaseResampler(inputRate, FrameSettings.SampleRate);
        var output = new List<float>(input.Length / 2 + 1024);
        for (var offset = 0; offset < input.Length; offset += 16384)
            output.AddRange(resampler.Process(input.AsSpan(offset, Math.Min(16384, input.Length - offset))));
        output.AddRange(resampler.Flush());
        return [.. output];
    }

    private static TimeSpan Best(Action run)
    {
        run();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            best = TimeSpan.FromTicks(Math.Min(best.Ticks, clock.Elapsed.Ticks));
        }
        return best;
    }

    private static void Report(string what, int count, string unit, TimeSpan ours, TimeSpan theirs, string agreement)
    {
        Console.WriteLine($"  {what}: engine {ours.TotalMilliseconds:F1} ms, NWaves {theirs.TotalMilliseconds:F1} ms for {count:N0} {unit} " +
                          $"(NWaves takes {theirs / ours:F2}× the engine's time); {agreement}");
    }
}
