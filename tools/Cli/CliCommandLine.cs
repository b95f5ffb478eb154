using System.CommandLine;
using System.CommandLine.Parsing;
using AudioPlatform.Cli.Server;

namespace AudioPlatform.Cli;

/// <summary>
/// Every command, option and argument of <c>audioplatform</c> (System.CommandLine): <c>--help</c> on each command,
/// completion through the <c>[suggest]</c> directive (dotnet-suggest), and errors that name the option or word at
/// fault, answered with exit code 2 (<see cref="ExitCodes.Usage"/>).
/// </summary>
internal sealed class CliCommandLine
{
    private const string Description = """
        AudioPlatform's command-line tool: analyse audio on this machine, or work with a running AudioPlatform.

        The server (login, upload, list, export, duplicates, playlists, next, set, mix, path): --server URL, else $AUDIOPLATFORM_SERVER, else the one signed in to,
        else http://localhost:8080.

        Exit code: 0 on success; 1 when any file failed (to analyse or upload), or the sign-in was denied or expired;
        2 on a usage error; 3 when not signed in or the sign-in has run out (run audioplatform login); 4 when the
        server cannot be reached or answers with an error; 130 on Ctrl+C.
        """;

    // Response files (@file) are not read: a file to analyse or upload may be named @something.
    private static readonly ParserConfiguration Configuration = new() { ResponseFileTokenReplacer = null };

    private readonly TrackFilterOptions _filter = new();

    private readonly Argument<string[]> _analyzeInputs = Inputs("The audio files, and folders to search for them (recursively).");
    private readonly Option<bool> _analyzeJson = CommandLineValues.Flag("--json", "One JSON object per line per file (camelCase); {\"file\",\"error\"} for failures.");
    private readonly Option<int> _parallel = CommandLineValues.WholeNumber("--parallel", "Files analysed at once (default: the number of cores).", Environment.ProcessorCount, 1, int.MaxValue);
    private readonly Option<bool> _timings = CommandLineValues.Flag("--timings", "Add per-stage timings (seconds) to each result.");

    private readonly Option<string?> _server = new("--server") { Description = "The platform's address (the Gateway), e.g. http://localhost:8080.", HelpName = "URL" };

    private readonly Argument<string[]> _uploadInputs = Inputs("The audio files, and folders to search for them (recursively).");
    private readonly Option<bool> _uploadJson = CommandLineValues.Flag("--json", "One JSON line per file (the analyze --json fields plus trackId, status, skipped, genre).");
    private readonly Option<bool> _noWait = CommandLineValues.Flag("--no-wait", "Print the uploads at once instead of waiting for their analyses.");
    private readonly Option<bool> _reanalyzeNoWait = CommandLineValues.Flag("--no-wait", "Print the batch id at once instead of following the progress.");

    private readonly Option<int> _page = CommandLineValues.WholeNumber("--page", "The page to show, from 1.", 1, 1, int.MaxValue);
    private readonly Option<int> _pageSize = CommandLineValues.WholeNumber("--page-size", $"Tracks per page, 1 to {ServerArguments.MaxPageSize}.", 20, 1, ServerArguments.MaxPageSize);
    private readonly Option<bool> _all = CommandLineValues.Flag("--all", "Every page (leave out --page and --page-size).");
    private readonly Option<bool> _listJson = CommandLineValues.Flag("--json", "One JSON line per track (the upload --json fields).");
    private readonly Option<bool> _duplicatesJson = CommandLineValues.Flag("--json", "One JSON line per group ({\"tracks\":[...]} as the library API answers).");

    private readonly Option<ExportFormat?> _format = new("--format")
    {
        Description = "csv, json (an array of the tracks as the API returns them), m3u (a playlist of their stream addresses) "
            + "or zip (the files themselves, each with its analysis written into its own tags; needs --output).",
        HelpName = "csv|json|m3u|zip",
        Required = true,
        CustomParser = result =>
        {
            var value = result.Tokens[^1].Value;
            if (Enum.TryParse<ExportFormat>(value, ignoreCase: true, out var format) && !int.TryParse(value, out _))
                return format;
            result.AddError($"--format '{value}' is not csv, json, m3u or zip.");
            return null;
        },
    };
    private readonly Option<Guid?> _similarTo = new("--similar-to")
    {
        Description = "Export this track's most similar tracks instead of the filtered library (no filters with it).",
        HelpName = "TRACKID",
        CustomParser = result =>
        {
            var value = result.Tokens[^1].Value;
            if (Guid.TryParse(value, out var trackId))
                return trackId;
            result.AddError($"--similar-to '{value}' is not a track id.");
            return null;
        },
    };
    private readonly Option<int> _limit = CommandLineValues.WholeNumber("--limit", "How many similar tracks (with --similar-to), 1 to 50.", 10, 1, 50);
    private readonly Option<string?> _output = new("--output", "-o") { Description = "Write to FILE instead of stdout.", HelpName = "FILE" };
    private readonly Option<string?> _exportPlaylist = new("--playlist")
    {
        Description = "Export this smart playlist (by name; audioplatform playlists lists them), its tracks as they are now and in its sort.",
        HelpName = "NAME",
    };
    private readonly Option<int?> _linkHours = new("--link-hours")
    {
        Description = "How long an M3U's signed stream links play, 1 to 168 hours (the server's default: 24).",
        HelpName = "HOURS",
    };

    private readonly Option<bool> _playlistsJson = CommandLineValues.Flag("--json", "One JSON line per playlist (as the library API answers).");
    private readonly Argument<string> _playlistName = new("name") { Description = "The playlist's name (unique among yours, ignoring case)." };
    private readonly Argument<string> _playlistNewName = new("new-name") { Description = "The playlist's new name." };

    private readonly Argument<Guid> _nextTrack = TrackId("track", "The track to follow.");
    private readonly Option<double?> _tolerance = CommandLineValues.Number("--tolerance", "Tempo tolerance in percent, 0.5 to 20 (the server's default: 6).");
    private readonly Option<string> _direction = Choice("--direction", "The energy of the next track against this one.", "any", "up", "steady", "down");
    private readonly Option<bool> _energyBoost = CommandLineValues.Flag("--energy-boost", "Also suggest +2 on the Camelot wheel (the energy boost).");
    private readonly Option<bool> _noHalfDouble = CommandLineValues.Flag("--no-half-double", "Do not count half and double time as a tempo match.");
    private readonly Option<int> _nextLimit = CommandLineValues.WholeNumber("--limit", "How many tracks, 1 to 100.", 20, 1, 100);
    private readonly Option<PlaylistFormat> _playlistFormat = PlaylistFormatOption();
    private readonly Option<string?> _out = new("--out") { Description = "Write to FILE instead of stdout.", HelpName = "FILE" };

    private readonly Argument<Guid[]> _setTracks = new("track")
    {
        Description = $"The tracks of the set (2 to {MixingCommands.MaxSetTracks}); none to take every track the filters match.",
        Arity = ArgumentArity.ZeroOrMore,
        CustomParser = result => [.. result.Tokens.Select(token => ParseTrackId(result, token.Value))],
    };
    private readonly Option<string> _shape = Choice("--shape", "The energy through the set: arc (warm-up, peak, cool-down), rising, falling, or none (keys and tempo only).",
        "arc", "rising", "falling", "none");

    private readonly Argument<Guid> _mixTrack = TrackId("track", "The seed track.");
    private readonly Option<int> _mixCount = CommandLineValues.WholeNumber("--count", "How many tracks, 1 to 100.", 20, 1, 100);
    private readonly Option<double?> _diversity = CommandLineValues.Number("--diversity", "0 (the nearest tracks) to 1 (each pick also keeps away from the others); the server's default 0.3.");

    private readonly Argument<Guid> _pathFrom = TrackId("from", "The track the path starts from.");
    private readonly Argument<Guid> _pathTo = TrackId("to", "The track the path ends at.");
    private readonly Option<int> _pathSteps = CommandLineValues.WholeNumber("--steps", "Tracks between the two ends, 1 to 50.", 8, 1, 50);

    private readonly Argument<Guid> _correctTrack = TrackId("track", "The track to correct.");
    private readonly Option<double?> _tempo = CommandLineValues.Number("--tempo", "Your tempo in BPM, 20 to 300.");
    private readonly Option<bool> _double = CommandLineValues.Flag("--double", "Double the tempo as it reads now (×2).");
    private readonly Option<bool> _half = CommandLineValues.Flag("--half", "Halve the tempo as it reads now (½).");
    private readonly Option<string?> _key = new("--key") { Description = "Your key: \"A minor\", F#m, Bb, or a Camelot code such as 8A.", HelpName = "KEY" };
    private readonly Option<string?> _meter = new("--meter") { Description = "Your meter: 2/4, 3/4, 4/4, 5/4, 6/8, 7/8, 9/8 or 12/8.", HelpName = "METER" };
    private readonly Option<string?> _genre = new("--genre") { Description = "Your genre, e.g. drum-and-bass.", HelpName = "GENRE" };
    private readonly Option<string?> _mood = new("--mood") { Description = "Your mood, e.g. dark.", HelpName = "MOOD" };
    private readonly Option<string?> _instruments = new("--instruments") { Description = "Your instruments, comma-separated: piano,drums.", HelpName = "LIST" };
    private readonly Option<string?> _clear = new("--clear")
    {
        Description = "Back to the analysis's value: tempo, key, meter, genre, mood, instruments or all (comma-separated for several).",
        HelpName = "FIELDS",
    };
    private readonly Option<bool> _correctJson = CommandLineValues.Flag("--json", "Print the track as one JSON line instead of a table.");

    private readonly Command _analyze, _login, _logout, _upload, _list, _export, _duplicates, _next, _set, _mix, _path, _correct, _reanalyze;
    private readonly Command _playlists, _playlistCreate, _playlistRename, _playlistDelete;

    public CliCommandLine()
    {
        _format.CompletionSources.Add("csv", "json", "m3u", "zip");

        _analyze = new Command("analyze", "Analyse audio files on this machine, offline (a table, or JSON lines with --json).")
            { _analyzeInputs, _analyzeJson, _parallel, _timings };
        _analyze.SetAction((parsed, ct) => CliApp.AnalyzeAsync(
            parsed.GetRequiredValue(_analyzeInputs), parsed.GetValue(_analyzeJson), parsed.GetValue(_parallel), parsed.GetValue(_timings),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, ct));

        _login = new Command("login", "Sign in with a code confirmed in the browser; the tokens are kept in "
            + "$XDG_CONFIG_HOME/audioplatform/credentials.json (~/.config/... by default), readable by you only.") { _server };
        _login.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            LoginCommand.LoginAsync((LoginArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));

        _logout = new Command("logout", "Revoke the sign-in and delete the stored tokens.");
        _logout.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            LoginCommand.LogoutAsync(context.Store, stdout, stderr, ct)));

        _upload = new Command("upload", "Upload audio files (files uploaded before, by content, are skipped), wait for their "
            + "analyses and print them as a table or JSON lines.") { _uploadInputs, _server, _uploadJson, _noWait };
        _upload.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            UploadCommand.RunAsync((UploadArguments)ArgumentsOf(parsed), context.Config, stdout, stderr, ct)));

        _list = new Command("list", "The library, one page (20 tracks by default) or --all of it, filtered and sorted as the library API is.")
            { _server, _page, _pageSize, _all, _listJson };
        AddFilters(_list);
        _list.Validators.Add(result =>
        {
            if (result.IsGiven(_all) && (result.IsGiven(_page) || result.IsGiven(_pageSize)))
                result.AddError("--all fetches every page: leave out --page and --page-size.");
        });
        _list.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            LibraryCommands.ListAsync((ListArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));

        _export = new Command("export", "Every track the filters match, or a track's most similar tracks (--similar-to), "
            + "or a smart playlist (--playlist), as CSV, a JSON array or an M3U playlist of signed stream links a media player opens.")
            { _server, _format, _similarTo, _limit, _exportPlaylist, _linkHours, _output };
        AddFilters(_export);
        _export.Validators.Add(result =>
        {
            if (result.IsGiven(_similarTo) && _filter.All.Any(result.IsGiven))
                result.AddError("--similar-to exports one track's similar tracks: leave out the filters.");
            if (result.IsGiven(_exportPlaylist) && (result.IsGiven(_similarTo) || _filter.All.Any(result.IsGiven)))
                result.AddError("--playlist exports the playlist's own filter: leave out --similar-to and the filters.");
            if (result.GetValue(_linkHours) is < 1 or > 168)
                result.AddError("--link-hours is 1 to 168.");
            if (!result.IsGiven(_similarTo) && result.IsGiven(_limit))
                result.AddError("--limit goes with --similar-to.");
            // The token, not the value: a format the parser refused has no value to read.
            if (string.Equals(result.GetResult(_format)?.Tokens.LastOrDefault()?.Value, "zip", StringComparison.OrdinalIgnoreCase) && !result.IsGiven(_output))
                result.AddError("--format zip writes audio files: give --output FILE.zip.");
        });
        _export.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            LibraryCommands.ExportAsync((ExportArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));

        _duplicates = new Command("duplicates", "The recordings in the library more than once (same audio in another file or encoding, "
            + "by audio fingerprint), one group per recording, oldest upload first.") { _server, _duplicatesJson };
        _duplicates.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            LibraryCommands.DuplicatesAsync((DuplicatesArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));

        _next = new Command("next", "The tracks that can follow this one: a compatible Camelot key, the tempo within --tolerance, the energy "
            + "in --direction; each with the reason (\"8A → 9A, +1.8 % tempo, energy up\").")
            { _nextTrack, _server, _tolerance, _direction, _energyBoost, _noHalfDouble, _nextLimit, _playlistFormat, _out };
        _next.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            MixingCommands.NextAsync((NextArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));

        _set = new Command("set", "Order tracks (given by id, or every track the filters match) into a set: compatible transitions where "
            + "keys and tempos allow, the energy following --shape; with each transition's quality.")
            { _setTracks, _server, _shape, _tolerance, _noHalfDouble, _playlistFormat, _out };
        AddFilters(_set);
        _set.Validators.Add(result =>
        {
            if (result.GetResult(_setTracks) is { Tokens.Count: > 0 } && _filter.All.Any(result.IsGiven))
                result.AddError("Give track ids or filters, not both.");
        });
        _set.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            MixingCommands.SetAsync((SetArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));

        _mix = new Command("mix", "An instant mix: tracks that sound like this one, diverse rather than near-duplicates.")
            { _mixTrack, _server, _mixCount, _diversity, _playlistFormat, _out };
        _mix.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            MixingCommands.MixAsync((MixArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));

        _path = new Command("path", "A path from one track to another: tracks that move gradually from the first to the second.")
            { _pathFrom, _pathTo, _server, _pathSteps, _playlistFormat, _out };
        _path.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            MixingCommands.PathAsync((PathArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));

        _correct = new Command("correct", "Correct a track's tempo (a value, --double or --half), key, meter, genre, mood or instruments: "
            + "your values win over the analysis everywhere and survive a re-analysis; --clear gives a value back to the analysis.")
            { _correctTrack, _server, _tempo, _double, _half, _key, _meter, _genre, _mood, _instruments, _clear, _correctJson };
        _correct.Validators.Add(result =>
        {
            if (new Option[] { _tempo, _double, _half }.Count(result.IsGiven) > 1)
                result.AddError("Give one of --tempo, --double and --half.");
            if (!new Option[] { _tempo, _double, _half, _key, _meter, _genre, _mood, _instruments, _clear }.Any(result.IsGiven))
                result.AddError("Nothing to correct: give --tempo, --double, --half, --key, --meter, --genre, --mood, --instruments or --clear.");
            foreach (var name in Split(result.GetValue(_clear)).Where(name => name != "all" && !CorrectArguments.ClearNames.ContainsKey(name)))
                result.AddError($"--clear '{name}' is not tempo, key, meter, genre, mood, instruments or all.");
        });
        _correct.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            CorrectCommand.RunAsync((CorrectArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));

        _playlistCreate = new Command("create", "Save the filter options (those of list, with --sort) as a smart playlist: its tracks are "
            + "whatever matches when it is read, so tracks uploaded later join it.") { _playlistName, _server };
        AddFilters(_playlistCreate);
        _playlistCreate.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            PlaylistCommands.CreateAsync((PlaylistCreateArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));
        _playlistRename = new Command("rename", "Rename a smart playlist.") { _playlistName, _playlistNewName, _server };
        _playlistRename.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            PlaylistCommands.RenameAsync((PlaylistRenameArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));
        _playlistDelete = new Command("delete", "Delete a smart playlist (never its tracks).") { _playlistName, _server };
        _playlistDelete.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            PlaylistCommands.DeleteAsync((PlaylistDeleteArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));
        _playlists = new Command("playlists", "Your smart playlists (saved filters) with how many tracks each matches now; "
            + "export one with export --playlist NAME.") { _server, _playlistsJson, _playlistCreate, _playlistRename, _playlistDelete };
        _playlists.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            PlaylistCommands.ListAsync((PlaylistsArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));

        _reanalyze = new Command("reanalyze", "Analyse the whole library, or the tracks the filters match, again with the server's current engine "
            + "and models (after an update): in the background, new uploads first, your corrections kept; follows the progress to the end.")
            { _server, _reanalyzeNoWait };
        AddFilters(_reanalyze);
        _reanalyze.SetAction((parsed, ct) => RunServerCommandAsync(parsed, (context, stdout, stderr) =>
            ReanalyzeCommand.RunAsync((ReanalyzeArguments)ArgumentsOf(parsed), context.Store, stdout, stderr, ct)));

        Root = new RootCommand(Description) { _analyze, _login, _logout, _upload, _list, _export, _duplicates, _playlists, _next, _set, _mix, _path, _correct, _reanalyze };
        foreach (var command in Root.Subcommands.Concat(_playlists.Subcommands))
            command.Validators.Add(NoOptionTwice);
    }

    /// <summary>The root command; it carries the <c>--help</c> and <c>--version</c> options and the <c>[suggest]</c> directive.</summary>
    public RootCommand Root { get; }

    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args, Configuration);

    /// <summary>Runs the command line; usage errors are written to <paramref name="stderr"/> and answered with 2.</summary>
    public async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (args is ["help", .. var rest])
            args = [.. rest, "--help"];
        var parsed = Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                stderr.WriteLine(error.Message);
            stderr.WriteLine($"See '{CommandPath(parsed)} --help'.");
            return ExitCodes.Usage;
        }

        // Ctrl+C is Program's to handle (first: stop cleanly; second: end the process), so the parser installs no handler.
        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parsed.InvokeAsync(invocation, ct).ConfigureAwait(false);
    }

    /// <summary>The arguments record of the server command that <paramref name="parsed"/> names.</summary>
    public object ArgumentsOf(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        if (command == _login)
            return new LoginArguments(parsed.GetValue(_server));
        if (command == _upload)
            return new UploadArguments(parsed.GetValue(_server), parsed.GetRequiredValue(_uploadInputs), parsed.GetValue(_uploadJson), parsed.GetValue(_noWait));
        if (command == _list)
            return new ListArguments(parsed.GetValue(_server), _filter.Read(parsed), parsed.GetValue(_page), parsed.GetValue(_pageSize), parsed.GetValue(_all), parsed.GetValue(_listJson));
        if (command == _duplicates)
            return new DuplicatesArguments(parsed.GetValue(_server), parsed.GetValue(_duplicatesJson));
        if (command == _export)
        {
            return new ExportArguments(parsed.GetValue(_server), _filter.Read(parsed), parsed.GetValue(_format) ?? ExportFormat.Csv,
                parsed.GetValue(_similarTo), parsed.GetValue(_limit), parsed.GetValue(_output), parsed.GetValue(_exportPlaylist), parsed.GetValue(_linkHours));
        }
        if (command == _reanalyze)
            return new ReanalyzeArguments(parsed.GetValue(_server), _filter.Read(parsed), parsed.GetValue(_reanalyzeNoWait));
        if (command == _playlists)
            return new PlaylistsArguments(parsed.GetValue(_server), parsed.GetValue(_playlistsJson));
        if (command == _playlistCreate)
            return new PlaylistCreateArguments(parsed.GetValue(_server), parsed.GetRequiredValue(_playlistName), _filter.Read(parsed));
        if (command == _playlistRename)
            return new PlaylistRenameArguments(parsed.GetValue(_server), parsed.GetRequiredValue(_playlistName), parsed.GetRequiredValue(_playlistNewName));
        if (command == _playlistDelete)
            return new PlaylistDeleteArguments(parsed.GetValue(_server), parsed.GetRequiredValue(_playlistName));
        if (command == _next)
        {
            return new NextArguments(parsed.GetValue(_server), parsed.GetValue(_nextTrack), parsed.GetValue(_tolerance), parsed.GetValue(_direction)!,
                parsed.GetValue(_energyBoost), !parsed.GetValue(_noHalfDouble), parsed.GetValue(_nextLimit), parsed.GetValue(_playlistFormat), parsed.GetValue(_out));
        }
        if (command == _set)
        {
            return new SetArguments(parsed.GetValue(_server), parsed.GetValue(_setTracks) ?? [], _filter.Read(parsed), parsed.GetValue(_shape)!,
                parsed.GetValue(_tolerance), !parsed.GetValue(_noHalfDouble), parsed.GetValue(_playlistFormat), parsed.GetValue(_out));
        }
        if (command == _mix)
        {
            return new MixArguments(parsed.GetValue(_server), parsed.GetValue(_mixTrack), parsed.GetValue(_mixCount), parsed.GetValue(_diversity),
                parsed.GetValue(_playlistFormat), parsed.GetValue(_out));
        }
        if (command == _path)
        {
            return new PathArguments(parsed.GetValue(_server), parsed.GetValue(_pathFrom), parsed.GetValue(_pathTo), parsed.GetValue(_pathSteps),
                parsed.GetValue(_playlistFormat), parsed.GetValue(_out));
        }
        if (command == _correct)
        {
            var tempo = parsed.GetValue(_double) ? TempoChange.Double : parsed.GetValue(_half) ? TempoChange.Half
                : parsed.GetValue(_tempo) is not null ? TempoChange.Set : TempoChange.None;
            var clear = Split(parsed.GetValue(_clear));
            IReadOnlyList<string> fields = clear.Contains("all") ? [.. CorrectArguments.ClearNames.Values] : [.. clear.Select(name => CorrectArguments.ClearNames[name]).Distinct()];
            return new CorrectArguments(parsed.GetValue(_server), parsed.GetValue(_correctTrack), tempo, parsed.GetValue(_tempo), parsed.GetValue(_key),
                parsed.GetValue(_meter), parsed.GetValue(_genre), parsed.GetValue(_mood),
                parsed.GetValue(_instruments) is { } instruments ? Split(instruments) : null, fields, parsed.GetValue(_correctJson));
        }
        throw new ArgumentException($"'{command.Name}' has no server arguments.", nameof(parsed));
    }

    /// <summary>A comma-separated list: trimmed, lower-cased, empty items left out.</summary>
    private static List<string> Split(string? list) =>
        [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item => item.ToLowerInvariant())];

    private void AddFilters(Command command)
    {
        foreach (var option in _filter.All)
            command.Options.Add(option);
    }

    private static Argument<string[]> Inputs(string description)
    {
        var inputs = new Argument<string[]>("file-or-folder") { Description = description, Arity = ArgumentArity.OneOrMore };
        // The parser takes a word it does not know as a file name; one that looks like an option is a mistyped option.
        inputs.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(token => token.Value.StartsWith("--", StringComparison.Ordinal) && token.Value != "--"))
                result.AddError($"Unrecognized option '{token.Value}'.");
        });
        return inputs;
    }

    private static Argument<Guid> TrackId(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => ParseTrackId(result, result.Tokens[^1].Value),
    };

    private static Guid ParseTrackId(ArgumentResult result, string value)
    {
        if (Guid.TryParse(value, out var id))
            return id;
        result.AddError($"'{value}' is not a track id (the Track column of audioplatform list).");
        return Guid.Empty;
    }

    /// <summary>One of <paramref name="values"/> (any case), the first when not given; completion offers them.</summary>
    private static Option<string> Choice(string name, string description, params string[] values)
    {
        var option = new Option<string>(name)
        {
            Description = $"{description} {string.Join(", ", values)} ({values[0]} by default).",
            HelpName = string.Join('|', values),
            DefaultValueFactory = _ => values[0],
            CustomParser = result =>
            {
                var value = result.Tokens[^1].Value;
                if (values.FirstOrDefault(v => v.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } known)
                    return known;
                result.AddError($"{name} '{value}' is not {string.Join(", ", values[..^1])} or {values[^1]}.");
                return values[0];
            },
        };
        option.CompletionSources.Add(values);
        return option;
    }

    private static Option<PlaylistFormat> PlaylistFormatOption()
    {
        var option = new Option<PlaylistFormat>("--format")
        {
            Description = "table (the default), m3u (a playlist of the tracks' stream addresses, in order) or csv (the export columns with score and reasons).",
            HelpName = "table|m3u|csv",
            DefaultValueFactory = _ => PlaylistFormat.Table,
            CustomParser = result =>
            {
                var value = result.Tokens[^1].Value;
                if (Enum.TryParse<PlaylistFormat>(value, ignoreCase: true, out var format) && !int.TryParse(value, out _))
                    return format;
                result.AddError($"--format '{value}' is not table, m3u or csv.");
                return PlaylistFormat.Table;
            },
        };
        option.CompletionSources.Add("table", "m3u", "csv");
        return option;
    }

    private static void NoOptionTwice(CommandResult result)
    {
        foreach (var option in result.Children.OfType<OptionResult>().Where(option => option.IdentifierTokenCount > 1))
            result.AddError($"{option.Option.Name} is given twice.");
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (SymbolResult? result = parsed.CommandResult; result is CommandResult command; result = command.Parent)
            names.Insert(0, command.Parent is null ? "audioplatform" : command.Command.Name);
        return string.Join(' ', names);
    }

    private sealed record ServerContext(ConfigDirectory Config, CredentialStore Store);

    /// <summary>A command against the platform: its failures are one line on stderr and the exit code they carry.</summary>
    private static async Task<int> RunServerCommandAsync(ParseResult parsed, Func<ServerContext, TextWriter, TextWriter, Task<int>> run)
    {
        var (stdout, stderr) = (parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
        var config = ConfigDirectory.ForCurrentUser();
        try
        {
            return await run(new ServerContext(config, new CredentialStore(config)), stdout, stderr).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            stderr.WriteLine(e.Message);
            stderr.WriteLine($"See '{CommandPath(parsed)} --help'.");
            return ExitCodes.Usage;
        }
        catch (CliFailure e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
    }
}
