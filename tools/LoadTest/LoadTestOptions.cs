using System.CommandLine;

namespace AudioPlatform.LoadTest;

/// <summary>What one load-test run does; <see cref="Command"/> reads it from the command line.</summary>
public sealed record LoadTestOptions(
    Uri Gateway, int Tracks, int Concurrency, double Seconds, string Format, TimeSpan Deadline, DirectoryInfo? Files, DirectoryInfo? StageLog,
    int Rounds = 1, bool CompareEngine = false, bool KeepTracks = false)
{
    public static readonly string[] Formats = ["mp3", "wav", "flac", "ogg", "aiff"];

    /// <summary>The root command, with <c>--help</c>; <paramref name="run"/> gets the options once they are valid.</summary>
    public static RootCommand Command(Func<LoadTestOptions, CancellationToken, Task<int>> run)
    {
        var gateway = new Option<Uri>("--gateway")
        {
            Description = "The platform's public address.",
            DefaultValueFactory = _ => new Uri("http://localhost:8080"),
            HelpName = "URL",
        };
        var tracks = WholeNumber("--tracks", "Tracks to upload (with --files: at most this many of them; default all).", 40);
        var concurrency = WholeNumber("--concurrency", "Concurrent clients, each its own user with its own WebSocket.", 4);
        var seconds = new Option<double>("--seconds") { Description = "Length of each generated track, 1 to 600 s.", DefaultValueFactory = _ => 60 };
        seconds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 1 or > 600)
            {
                result.AddError("--seconds must be between 1 and 600.");
            }
        });
        var format = new Option<string>("--format") { Description = "Format of the generated tracks.", DefaultValueFactory = _ => "mp3" };
        format.AcceptOnlyFromAmong(Formats);
        var deadline = WholeNumber("--deadline-minutes", "How long to wait for the analyses after the last upload.", 15);
        var files = new Option<DirectoryInfo>("--files")
        {
            Description = "Upload the audio files in DIR (mp3, wav, flac, ogg, aiff; not its subfolders) instead of generated tracks.",
            HelpName = "DIR",
        };
        files.AcceptExistingOnly();
        var stageLog = new Option<DirectoryInfo>("--stage-log")
        {
            Description = "The folder the services write their stage spans to (the AppHost's --Telemetry:StageLog=DIR): " +
                "prints each stage's wall and CPU time, the work per replica and the platform's CPU against the engine's.",
            HelpName = "DIR",
        };

        var rounds = WholeNumber("--rounds", "Upload the files this many times (new tracks of the same users), reporting each round: " +
            "the first after a start pays the services' JIT for this work, later ones show the steady state. Each round's tracks " +
            "are deleted before the next (outside its CPU window), so every round is new music to its users' libraries.", 1);
        var keepTracks = new Option<bool>("--keep-tracks")
        {
            Description = "With --rounds, keep every round's tracks: each round's uploads then repeat recordings already in the " +
                "libraries, and the Library links every copy to all the earlier ones, work that grows round by round.",
        };
        var compareEngine = new Option<bool>("--compare-engine")
        {
            Description = "After each round, analyse the same files with the bare engine in this process (the Analysis service's work, " +
                "one file per core at once) and print that round's platform speed per core as a share of the engine's; at the end, the median share.",
        };

        var root = new RootCommand("""
            Uploads tracks through the Gateway with concurrent clients and reports upload throughput, upload → analysisCompleted
            latency and analyses per minute; with --stage-log, the time of each stage of the journey; on the platform's own
            machine, the peak memory of each service process.
            """)
        {
            gateway, tracks, concurrency, seconds, format, deadline, files, stageLog, rounds, compareEngine, keepTracks,
        };
        root.SetAction((parsed, cancellationToken) => run(new LoadTestOptions(
            parsed.GetRequiredValue(gateway),
            // With --files, every file unless --tracks says how many.
            parsed.GetValue(files) is not null && parsed.GetResult(tracks) is null or { Implicit: true } ? int.MaxValue : parsed.GetValue(tracks),
            parsed.GetValue(concurrency),
            parsed.GetValue(seconds),
            parsed.GetRequiredValue(format),
            TimeSpan.FromMinutes(parsed.GetValue(deadline)),
            parsed.GetValue(files),
            parsed.GetValue(stageLog),
            parsed.GetValue(rounds),
            parsed.GetValue(compareEngine),
            parsed.GetValue(keepTracks)), cancellationToken));
        return root;
    }

    private static Option<int> WholeNumber(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }
}
