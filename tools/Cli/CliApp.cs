using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AudioPlatform.Engine;
using AudioPlatform.Engine.Decoding;

namespace AudioPlatform.Cli;

/// <summary><c>audioplatform analyze</c>: the engine over files and folders on this machine.</summary>
internal static class CliApp
{
    private static readonly HashSet<string> AudioExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mp3", ".wav", ".wave", ".flac", ".aif", ".aiff", ".aifc", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".mp4", ".wma", ".mka", ".webm", ".caf", ".w64", ".rf64",
    };

    public static async Task<int> AnalyzeAsync(IReadOnlyList<string> inputs, bool json, int parallel, bool timings,
        TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        var files = Expand(inputs);
        if (files.Count == 0)
        {
            stderr.WriteLine("No audio files found.");
            return 1;
        }

        var analyzer = new AudioAnalyzer(new AnalyzerOptions { IncludeSpectrogram = false });
        using var bar = ProgressBar.CreateFor(stderr, files.Count);
        var results = new CliResult[files.Count];
        var outputLock = new object();
        var failed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct },
            async (index, token) =>
            {
                var file = files[index];
                CliResult result;
                try
                {
                    var progress = bar is null ? null : new Progress<AnalysisProgress>(p => bar.Update(index, p.Percent));
                    var analysis = await analyzer.AnalyzeAsync(file, progress, token).ConfigureAwait(false);
                    result = CliResult.From(file, analysis, timings);
                }
                catch (AudioDecodeException e)
                {
                    result = CliResult.Failure(file, e.Message, e.Reason.ToString());
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e)
                {
                    // One bad file must not end a batch run: report it like a decode failure and go on.
                    result = CliResult.Failure(file, $"{e.GetType().Name}: {e.Message}", "InternalError");
                }
                if (result.Error is not null)
                    Interlocked.Increment(ref failed);
                results[index] = result;
                lock (outputLock)
                {
                    bar?.Complete(index);
                    if (json)
                    {
                        bar?.Clear();
                        stdout.WriteLine(JsonSerializer.Serialize(result, CliJsonContext.Default.CliResult));
                        stdout.Flush();
                    }
                }
            }).ConfigureAwait(false);
        bar?.Clear();

        if (!json)
            Table.Write(stdout, results);
        return failed == 0 ? 0 : 1;
    }

    internal static List<string> Expand(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var found = Directory.EnumerateFiles(input, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Where(f => AudioExtensions.Contains(Path.GetExtension(f)))
                    .Order(StringComparer.Ordinal);
                files.AddRange(found);
            }
            else
            {
                // A named file is always attempted, whatever its extension; a missing one is reported as an error.
                files.Add(input);
            }
        }
        return files;
    }
}

/// <summary>A one-line progress bar on stderr, shown only when stderr is a terminal.</summary>
internal sealed class ProgressBar : IDisposable
{
    private readonly TextWriter _out;
    private readonly double[] _percent;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw;
    private int _done;

    private ProgressBar(TextWriter output, int files)
    {
        _out = output;
        _percent = new double[files];
    }

    public static ProgressBar? CreateFor(TextWriter stderr, int files) =>
        ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? new ProgressBar(stderr, files) : null;

    public void Update(int index, double percent)
    {
        lock (_percent)
        {
            _percent[index] = percent;
            var now = _clock.ElapsedMilliseconds;
            if (now - _lastDraw < 100)
                return;
            _lastDraw = now;
            Draw();
        }
    }

    public void Complete(int index)
    {
        lock (_percent)
        {
            _percent[index] = 100;
            _done++;
            Draw();
        }
    }

    private void Draw()
    {
        double total = 0;
        foreach (var p in _percent)
            total += p;
        var fraction = total / (_percent.Length * 100.0);
        const int width = 30;
        var filled = (int)Math.Round(fraction * width);
        _out.Write($"\r[{new string('#', filled)}{new string('-', width - filled)}] {fraction * 100,5:0.0}%  {_done}/{_percent.Length} files  {_clock.Elapsed:mm\\:ss}");
        _out.Flush();
    }

    public void Clear()
    {
        lock (_percent)
        {
            _out.Write("\r" + new string(' ', 79) + "\r");
            _out.Flush();
        }
    }

    public void Dispose() => Clear();
}
