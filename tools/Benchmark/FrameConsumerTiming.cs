using System.Diagnostics;
using AudioPlatform.Engine.Framing;
using AudioPlatform.Engine.Rhythm;
using AudioPlatform.Engine.Tonal;

namespace AudioPlatform.Benchmark;

/// <summary>Cost of the rhythm and tonal frame consumers alone, on real spectra replayed from one file.</summary>
public static class FrameConsumerTiming
{
    public sealed record Result(string Consumer, double MicrosecondsPerFrame, double RealTimeFactor);

    public static IReadOnlyList<Result> Measure(IReadOnlyList<float[]> frames, IReadOnlyList<float[]> spectra, int repeats = 5)
    {
        var results = new List<Result>();
        foreach (var (name, factory) in new (string, Func<IFrameConsumer>)[] { ("onset envelope", () => new OnsetEnvelopeBuilder()), ("chroma", () => new ChromaBuilder()) })
        {
            // Warm-up so tiered compilation does not count.
            Run(factory(), frames, spectra);
            var best = double.MaxValue;
            for (var r = 0; r < repeats; r++)
            {
                var consumer = factory();
                var started = Stopwatch.GetTimestamp();
                Run(consumer, frames, spectra);
                best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            var perFrame = best / frames.Count;
            results.Add(new Result(name, perFrame * 1e6, 1 / (perFrame * FrameSettings.FrameRate)));
        }
        return results;
    }

    private static void Run(IFrameConsumer consumer, IReadOnlyList<float[]> frames, IReadOnlyList<float[]> spectra)
    {
        for (var i = 0; i < frames.Count; i++) consumer.Consume(i, frames[i], spectra[i]);
    }

    /// <summary>A consumer that keeps copies of the frames it sees, to replay them in <see cref="Measure"/>.</summary>
    public sealed class Recorder(int maxFrames) : IFrameConsumer
    {
        public List<float[]> Frames { get; } = [];
        public List<float[]> Spectra { get; } = [];

        public void Consume(int frameIndex, ReadOnlySpan<float> samples, ReadOnlySpan<float> magnitudes)
        {
            if (Frames.Count >= maxFrames) return;
            Frames.Add(samples.ToArray());
            Spectra.Add(magnitudes.ToArray());
        }
    }
}
