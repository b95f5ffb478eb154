using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AudioPlatform.Engine;
using AudioPlatform.Engine.Decoding;

namespace AudioPlatform.Cli;

/// <summary>Argument handling and orchestration for <c>audioplatform analyze</c>.</summary>
internal static class CliApp
{
    public const string Usage = """
        Usage: audioplatform <command> [options]

        Offline, with the audio engine on this machine:
          analyze <file-or-folder>... [--json] [--parallel N] [--timings]
                        analyses audio files (folders are walked recursively for audio extensions)
            --json        one JSON object per line per file (camelCase); {"file","error"} for failures
            --parallel N  files analysed at once (default: the number of cores)
            --timings     add per-stage timings (seconds) to each result

        Against a running AudioPlatform (the server: --server URL, else $AUDIOPLATFORM_SERVER, else the one signed in
        to, else http://localhost:8080):
          login [--server URL]
                        signs in with a code confirmed in the browser; tokens are kept in
                        $XDG_CONFIG_HOME/audioplatform/credentials.json (~/.config/... by default), readable by you only
          logout        revokes the sign-in and deletes the stored tokens
          upload <file-or-folder>... [--json] [--no-wait]
                        uploads audio files (files uploaded before, by content, are skipped), waits for their
                        analyses and prints them as a table or JSON lines (--no-wait: print the uploads only)
          list [filters] [--page N] [--page-size N | --all] [--json]
                        the library, one page (20 tracks by default) or --all of it
          export --format csv|json|m3u [filters | --similar-to TRACKID [--limit N]] [--output FILE]
                        every track the filters match, or a track's most similar tracks (--limit, default 10),
                        as CSV, a JSON array or an M3U playlist of the tracks' stream addresses
          filters:      --q TEXT --genre G --mood M --instrument I --key "A minor" --camelot 8A --bpm-min N --bpm-max N
                        --energy-min X --energy-max X --status uploaded|analyzing|analyzed|failed
                        --sort createdAt|tempoBpm|loudnessLufs|title|energy (prefix - for descending)

        Exit code: 0 on success; 1 when any file failed (to analyse or upload), or the sign-in was denied or expired;
        2 on a usage error; 3 when not signed in or the sign-in has run out (run audioplatform login); 4 when the
        server cannot be reached or answers with an error; 130 on Ctrl+C.
        """;

    private static readonly HashSet<string> AudioExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mp3", ".wav", ".wave", ".flac", ".aif", ".aiff", ".aifc", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".mp4", ".wma", ".mka", ".webm", ".caf", ".w64", ".rf64",
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        if (Array.IndexOf(Server.ServerCommands.Names, args[0]) >= 0)
            return await Server.ServerCommands.RunAsync(args[0], args[1..], stdout, stderr, ct).ConfigureAwait(false);
        if (args[0] != "analyze")
        {
            stderr.WriteLine($"Unknown command '{args[0]}'.");
            stderr.WriteLine(Usage);
            return 2;
        }

        var json = false;
        var timings = false;
        var parallel = Environment.ProcessorCount;
        var inputs = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--timings":
                    timings = true;
                    break;
                case "--parallel" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var p) && p > 0:
                    parallel = p;
                    i++;
                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    stderr.WriteLine($"Unknown or incomplete option '{a}'.");
                    stderr.WriteLine(Usage);
                    return 2;
                default:
                    inputs.Add(args[i]);
                    break;
            }
        }
        if (inputs.Count == 0)
        {
            stderr.WriteLine("No file or folder given.");
            stderr.WriteLine(Usage);
            return 2;
        }

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
