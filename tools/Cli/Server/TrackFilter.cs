using System.CommandLine;
using System.Globalization;
using System.Text;

namespace AudioPlatform.Cli.Server;

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
    public bool? CamelotNeighbours { get; init; }
    public double? BpmMin { get; init; }
    public double? BpmMax { get; init; }
    public bool? BpmHalfDouble { get; init; }
    public double? EnergyMin { get; init; }
    public double? EnergyMax { get; init; }
    public double? LoudnessMin { get; init; }
    public double? LoudnessMax { get; init; }
    public string? Status { get; init; }
    public string? Sort { get; init; }

    /// <summary>The filter's fields by their API names, leaving out those not given and the sort: a smart playlist's saved filter.</summary>
    public Dictionary<string, object> ToFilterBody() =>
        Fields().Where(field => field.Name != "sort" && field.Value is not null).ToDictionary(field => field.Name, field => field.Value!);

    private IEnumerable<(string Name, object? Value)> Fields() =>
    [
        ("q", Q), ("genre", Genre), ("mood", Mood), ("instrument", Instrument), ("key", Key), ("camelot", Camelot),
        ("camelotNeighbours", CamelotNeighbours), ("bpmMin", BpmMin), ("bpmMax", BpmMax), ("bpmHalfDouble", BpmHalfDouble),
        ("energyMin", EnergyMin), ("energyMax", EnergyMax), ("loudnessMin", LoudnessMin), ("loudnessMax", LoudnessMax),
        ("status", Status), ("sort", Sort),
    ];

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
        foreach (var (name, value) in Fields())
            Add(name, value is bool flag ? (flag ? "true" : "false") : value);
        Add("page", page);
        Add("pageSize", pageSize);
        return query.ToString();
    }
}

/// <summary>
/// The command-line options of <see cref="TrackFilter"/>, shared by <c>list</c> and <c>export</c>: each is the API's
/// query parameter in kebab case (<c>bpmMin</c> is <c>--bpm-min</c>). The one place to change when the filter changes.
/// </summary>
internal sealed class TrackFilterOptions
{
    public static readonly string[] Statuses = ["uploaded", "analyzing", "analyzed", "failed"];
    public static readonly string[] SortFields = ["createdAt", "tempoBpm", "loudnessLufs", "title", "energy"];

    private readonly Option<string?> _q = Text("--q", "TEXT", "Title, artist, album or file name containing TEXT, or a tag equal to it.");
    private readonly Option<string?> _genre = Text("--genre", "GENRE", "Tracks with this genre, e.g. techno.");
    private readonly Option<string?> _mood = Text("--mood", "MOOD", "Tracks with this mood, e.g. dark.");
    private readonly Option<string?> _instrument = Text("--instrument", "INSTRUMENT", "Tracks with this instrument, e.g. piano.");
    private readonly Option<string?> _key = Text("--key", "KEY", "Tracks in this key, e.g. \"A minor\".");
    private readonly Option<string?> _camelot = Text("--camelot", "CODE", "Tracks in this Camelot key, e.g. 8A.");
    private readonly Option<bool> _camelotNeighbours = CommandLineValues.Flag("--camelot-neighbours", "With --camelot: also the keys that mix with it (8A: 7A, 9A, 8B).");
    private readonly Option<double?> _bpmMin = CommandLineValues.Number("--bpm-min", "Tempo from N BPM.");
    private readonly Option<double?> _bpmMax = CommandLineValues.Number("--bpm-max", "Tempo up to N BPM.");
    private readonly Option<bool> _bpmHalfDouble = CommandLineValues.Flag("--bpm-half-double", "With --bpm-min/--bpm-max: also tracks at half or double that tempo.");
    private readonly Option<double?> _energyMin = CommandLineValues.Number("--energy-min", "Energy from X (0 to 1).");
    private readonly Option<double?> _energyMax = CommandLineValues.Number("--energy-max", "Energy up to X (0 to 1).");
    private readonly Option<double?> _loudnessMin = CommandLineValues.Number("--loudness-min", "Loudness from N LUFS, e.g. -14.");
    private readonly Option<double?> _loudnessMax = CommandLineValues.Number("--loudness-max", "Loudness up to N LUFS, e.g. -6.");
    private readonly Option<string?> _status = Suggested(Text("--status", "STATUS", "uploaded, analyzing, analyzed or failed."), Statuses);
    private readonly Option<string?> _sort = Suggested(Text("--sort", "FIELD", $"{string.Join(", ", SortFields)}; '-' in front for descending."),
        [.. SortFields, .. SortFields.Select(field => $"-{field}")]);

    public IReadOnlyList<Option> All =>
    [
        _q, _genre, _mood, _instrument, _key, _camelot, _camelotNeighbours, _bpmMin, _bpmMax, _bpmHalfDouble, _energyMin, _energyMax,
        _loudnessMin, _loudnessMax, _status, _sort,
    ];

    public TrackFilter Read(ParseResult parsed) => new()
    {
        Q = parsed.GetValue(_q),
        Genre = parsed.GetValue(_genre),
        Mood = parsed.GetValue(_mood),
        Instrument = parsed.GetValue(_instrument),
        Key = parsed.GetValue(_key),
        Camelot = parsed.GetValue(_camelot),
        CamelotNeighbours = parsed.GetValue(_camelotNeighbours) ? true : null,
        BpmMin = parsed.GetValue(_bpmMin),
        BpmMax = parsed.GetValue(_bpmMax),
        BpmHalfDouble = parsed.GetValue(_bpmHalfDouble) ? true : null,
        EnergyMin = parsed.GetValue(_energyMin),
        EnergyMax = parsed.GetValue(_energyMax),
        LoudnessMin = parsed.GetValue(_loudnessMin),
        LoudnessMax = parsed.GetValue(_loudnessMax),
        Status = parsed.GetValue(_status),
        Sort = parsed.GetValue(_sort),
    };

    private static Option<string?> Text(string name, string valueName, string description) =>
        new(name) { Description = description, HelpName = valueName };

    // Completion only: the Library judges the value, so a newer server's value is not refused here.
    private static Option<string?> Suggested(Option<string?> option, string[] values)
    {
        option.CompletionSources.Add(values);
        return option;
    }
}
