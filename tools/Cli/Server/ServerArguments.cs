using System.Globalization;
using System.Text;

namespace AudioPlatform.Cli.Server;

/// <summary>A command line that cannot be run as given; the message says what is wrong.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The library API's list filters (<c>GET /api/v1/audio</c>), named as there; the Library validates the values
/// (sort field, status, ranges) and its problem details are shown as they come.
/// </summary>
internal sealed record TrackFilter
{
    public string? Q { get; init; }
    public string? Genre { get; init; }
    public string? Mood { get; init; }
    public string? Instrument { get; init; }
    public string? Key { get; init; }
    public string? Camelot { get; init; }
    public double? BpmMin { get; init; }
    public double? BpmMax { get; init; }
    public double? EnergyMin { get; init; }
    public double? EnergyMax { get; init; }
    public string? Status { get; init; }
    public string? Sort { get; init; }

    /// <summary>The query string of one page, e.g. <c>?bpmMin=120&amp;page=1&amp;pageSize=100</c>.</summary>
    public string ToQueryString(int page, int pageSize)
    {
        var query = new StringBuilder();
        void Add(string name, object? value)
        {
            if (value is null)
                return;
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=')
                .Append(Uri.EscapeDataString(Convert.ToString(value, CultureInfo.InvariantCulture)!));
        }
        Add("q", Q);
        Add("genre", Genre);
        Add("mood", Mood);
        Add("instrument", Instrument);
        Add("key", Key);
        Add("camelot", Camelot);
        Add("bpmMin", BpmMin);
        Add("bpmMax", BpmMax);
        Add("energyMin", EnergyMin);
        Add("energyMax", EnergyMax);
        Add("status", Status);
        Add("sort", Sort);
        Add("page", page);
        Add("pageSize", pageSize);
        return query.ToString();
    }
}

internal enum ExportFormat
{
    Csv,
    Json,
    M3u,
}

internal sealed record LoginArguments(string? Server);

internal sealed record UploadArguments(string? Server, IReadOnlyList<string> Inputs, bool Json, bool NoWait);

internal sealed record ListArguments(string? Server, TrackFilter Filter, int Page, int PageSize, bool All, bool Json);

internal sealed record ExportArguments(string? Server, TrackFilter Filter, ExportFormat Format, Guid? SimilarTo, int Limit, string? Output);

/// <summary>Turns the words after a server command into its arguments; every mistake is a <see cref="UsageException"/>.</summary>
internal static class ServerArguments
{
    public const int MaxPageSize = 100;

    private static readonly string[] FilterOptions =
        ["--q", "--genre", "--mood", "--instrument", "--key", "--camelot", "--bpm-min", "--bpm-max", "--energy-min", "--energy-max", "--status", "--sort"];

    public static LoginArguments ParseLogin(IReadOnlyList<string> args)
    {
        var parsed = Read(args, flags: [], valued: ["--server"]);
        NoPositionals(parsed);
        return new LoginArguments(parsed.Value("--server"));
    }

    public static UploadArguments ParseUpload(IReadOnlyList<string> args)
    {
        var parsed = Read(args, flags: ["--json", "--no-wait"], valued: ["--server"]);
        if (parsed.Positionals.Count == 0)
            throw new UsageException("No file or folder given.");
        return new UploadArguments(parsed.Value("--server"), parsed.Positionals, parsed.Has("--json"), parsed.Has("--no-wait"));
    }

    public static ListArguments ParseList(IReadOnlyList<string> args)
    {
        var parsed = Read(args, flags: ["--json", "--all"], valued: ["--server", "--page", "--page-size", .. FilterOptions]);
        NoPositionals(parsed);
        var all = parsed.Has("--all");
        if (all && (parsed.Has("--page") || parsed.Has("--page-size")))
            throw new UsageException("--all fetches every page: leave out --page and --page-size.");
        var page = parsed.Int("--page", 1, 1, int.MaxValue);
        var pageSize = parsed.Int("--page-size", 20, 1, MaxPageSize);
        return new ListArguments(parsed.Value("--server"), Filter(parsed), page, pageSize, all, parsed.Has("--json"));
    }

    public static ExportArguments ParseExport(IReadOnlyList<string> args)
    {
        var parsed = Read(args, flags: [], valued: ["--server", "--format", "--similar-to", "--limit", "--output", .. FilterOptions]);
        NoPositionals(parsed);
        var format = parsed.Value("--format") switch
        {
            null => throw new UsageException("--format is required: csv, json or m3u."),
            var f when Enum.TryParse<ExportFormat>(f, ignoreCase: true, out var known) && !int.TryParse(f, out _) => known,
            var f => throw new UsageException($"--format '{f}' is not csv, json or m3u."),
        };
        Guid? similarTo = parsed.Value("--similar-to") switch
        {
            null => null,
            var id when Guid.TryParse(id, out var trackId) => trackId,
            var id => throw new UsageException($"--similar-to '{id}' is not a track id."),
        };
        var filter = Filter(parsed);
        if (similarTo is not null && filter != new TrackFilter())
            throw new UsageException("--similar-to exports one track's similar tracks: leave out the filters.");
        if (similarTo is null && parsed.Has("--limit"))
            throw new UsageException("--limit goes with --similar-to.");
        var limit = parsed.Int("--limit", 10, 1, 50);
        return new ExportArguments(parsed.Value("--server"), filter, format, similarTo, limit, parsed.Value("--output"));
    }

    private static TrackFilter Filter(Parsed parsed) => new()
    {
        Q = parsed.Value("--q"),
        Genre = parsed.Value("--genre"),
        Mood = parsed.Value("--mood"),
        Instrument = parsed.Value("--instrument"),
        Key = parsed.Value("--key"),
        Camelot = parsed.Value("--camelot"),
        BpmMin = parsed.Double("--bpm-min"),
        BpmMax = parsed.Double("--bpm-max"),
        EnergyMin = parsed.Double("--energy-min"),
        EnergyMax = parsed.Double("--energy-max"),
        Status = parsed.Value("--status"),
        Sort = parsed.Value("--sort"),
    };

    private static void NoPositionals(Parsed parsed)
    {
        if (parsed.Positionals.Count > 0)
            throw new UsageException($"Unexpected argument '{parsed.Positionals[0]}'.");
    }

    /// <summary>Options as <c>--name value</c> or <c>--name=value</c>; anything not starting with <c>--</c> is positional.</summary>
    private static Parsed Read(IReadOnlyList<string> args, string[] flags, string[] valued)
    {
        var parsed = new Parsed();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                parsed.Positionals.Add(arg);
                continue;
            }
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            if (flags.Contains(name))
            {
                if (equals >= 0)
                    throw new UsageException($"{name} takes no value.");
                parsed.Values[name] = "";
            }
            else if (valued.Contains(name))
            {
                string value;
                if (equals >= 0)
                    value = arg[(equals + 1)..];
                else if (i + 1 < args.Count)
                    value = args[++i];
                else
                    throw new UsageException($"{name} needs a value.");
                if (!parsed.Values.TryAdd(name, value))
                    throw new UsageException($"{name} is given twice.");
            }
            else
            {
                throw new UsageException($"Unknown option '{name}'.");
            }
        }
        return parsed;
    }

    private sealed class Parsed
    {
        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
        public List<string> Positionals { get; } = [];

        public bool Has(string name) => Values.ContainsKey(name);

        public string? Value(string name) => Values.TryGetValue(name, out var value) ? value : null;

        public double? Double(string name) => Value(name) switch
        {
            null => null,
            var v when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
            var v => throw new UsageException($"{name} '{v}' is not a number."),
        };

        public int Int(string name, int fallback, int min, int max) => Value(name) switch
        {
            null => fallback,
            var v when int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max => n,
            var v => throw new UsageException($"{name} '{v}' is not a whole number from {min} to {max}."),
        };
    }
}
