using AudioPlatform.Classification;
using AudioPlatform.Engine;
using AudioPlatform.Engine.Fingerprinting;

namespace AudioPlatform.LoadTest;

/// <summary>
/// The bare engine on the same files, doing what the Analysis service does with each (the engine's one pass with the
/// fingerprint fed from it, waveform and spectrogram included, then the labels), as many at once as Analysis takes
/// messages by default (one per core): the speed the platform's speed per core is a share of. Run in this process,
/// after the platform's rounds, so neither takes cores from the other.
/// </summary>
internal static class EngineBaseline
{
    public sealed record Result(double AudioSeconds, double CpuSeconds, double WallSeconds)
    {
        public double SpeedPerCore => AudioSeconds / CpuSeconds;
    }

    /// <summary>Writes the files once, warms up on one of them, then times <paramref name="passes"/> passes over all.</summary>
    public static async Task<IReadOnlyList<Result>> MeasureAsync(IReadOnlyList<AudioFile> audio, int parallel, int passes, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("audioplatform-loadtest-engine-");
        try
        {
            var paths = new List<string>(audio.Count);
            foreach (var file in audio)
            {
                var path = Path.Combine(folder.FullName, file.Name);
                await File.WriteAllBytesAsync(path, file.Content, cancellationToken);
                paths.Add(path);
            }

            var analyzer = new AudioAnalyzer();
            var annotator = new TrackAnnotator(TrackClassifier.Default);
            // One file first, outside the window: the platform's steady rounds do not pay the JIT either.
            await AnalyseAsync(analyzer, annotator, paths[0], cancellationToken);

            var self = new ServiceProcesses.Service(Environment.ProcessId, "engine");
            var results = new List<Result>(passes);
            for (var pass = 0; pass < passes; pass++)
            {
                var before = ServiceProcesses.CpuSeconds([self]);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
                    async (path, ct) => await AnalyseAsync(analyzer, annotator, path, ct));
                results.Add(new Result(audio.Sum(a => a.Seconds), ServiceProcesses.CpuSeconds([self]) - before, clock.Elapsed.TotalSeconds));
            }

            return results;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task AnalyseAsync(AudioAnalyzer analyzer, TrackAnnotator annotator, string path, CancellationToken cancellationToken)
    {
        using var fingerprinter = SignalFingerprinter.TryCreate();
        var analysis = fingerprinter is null
            ? await analyzer.AnalyzeAsync(path, ct: cancellationToken)
            : await analyzer.AnalyzeAsync(path, fingerprinter, ct: cancellationToken);
        fingerprinter?.Finish();
        annotator.Annotate(analysis);
    }
}
