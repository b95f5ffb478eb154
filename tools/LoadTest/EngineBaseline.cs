using AudioPlatform.Classification;
using AudioPlatform.Engine;
using AudioPlatform.Engine.Fingerprinting;

namespace AudioPlatform.LoadTest;

/// <summary>
/// The bare engine on the same files, doing what the Analysis service does with each (the engine's one pass with the
/// fingerprint fed from it, waveform and spectrogram included, then the labels), as many at once as Analysis takes
/// messages by default (one per core): the speed the platform's speed per core is a share of. Run in this process,
/// between the platform's rounds, so neither takes cores from the other and both see the machine as it is then.
/// </summary>
internal sealed class EngineBaseline : IDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly List<string> _paths;
    private readonly double _audioSeconds;
    private readonly AudioAnalyzer _analyzer = new();
    private readonly TrackAnnotator _annotator = new(TrackClassifier.Default);

    /// <summary>One pass: its CPU split as the services' is, this process's own and its ffmpegs'.</summary>
    public sealed record Result(double AudioSeconds, ServiceProcesses.Cpu Cpu, double WallSeconds)
    {
        public double CpuSeconds => Cpu.Total;

        public double SpeedPerCore => AudioSeconds / CpuSeconds;
    }

    private EngineBaseline(DirectoryInfo folder, List<string> paths, double audioSeconds)
    {
        _folder = folder;
        _paths = paths;
        _audioSeconds = audioSeconds;
    }

    /// <summary>Writes the files once and warms up on one of them: the platform's steady rounds do not pay the JIT either.</summary>
    public static async Task<EngineBaseline> CreateAsync(IReadOnlyList<AudioFile> audio, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("audioplatform-loadtest-engine-");
        var baseline = new EngineBaseline(folder, new List<string>(audio.Count), audio.Sum(a => a.Seconds));
        try
        {
            foreach (var file in audio)
            {
                var path = Path.Combine(folder.FullName, file.Name);
                await File.WriteAllBytesAsync(path, file.Content, cancellationToken);
                baseline._paths.Add(path);
            }

            await baseline.AnalyseAsync(baseline._paths[0], cancellationToken);
            return baseline;
        }
        catch
        {
            baseline.Dispose();
            throw;
        }
    }

    /// <summary>One pass over every file, <paramref name="parallel"/> at once; the CPU is this process's own and its ffmpegs'.</summary>
    public async Task<Result> MeasurePassAsync(int parallel, CancellationToken cancellationToken)
    {
        var self = new ServiceProcesses.Service(Environment.ProcessId, "engine");
        var before = ServiceProcesses.CpuByProcess([self])[self.Pid];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(_paths, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (path, ct) => await AnalyseAsync(path, ct));
        var after = ServiceProcesses.CpuByProcess([self])[self.Pid];
        return new Result(_audioSeconds, new ServiceProcesses.Cpu(after.Own - before.Own, after.Children - before.Children), clock.Elapsed.TotalSeconds);
    }

    private async Task AnalyseAsync(string path, CancellationToken cancellationToken)
    {
        using var fingerprinter = SignalFingerprinter.TryCreate();
        var analysis = fingerprinter is null
            ? await _analyzer.AnalyzeAsync(path, ct: cancellationToken)
            : await _analyzer.AnalyzeAsync(path, fingerprinter, ct: cancellationToken);
        fingerprinter?.Finish();
        _annotator.Annotate(analysis);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
