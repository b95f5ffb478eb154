using System.ComponentModel;
using System.Text.Json.Serialization;
using AudioPlatform.Mixing;

namespace AudioPlatform.Library.Model;

/// <summary>
/// Which of the user's tracks a list, the statistics or the map cover: the one filter of the Library's API, bound from
/// the query string with <c>[AsParameters]</c> wherever tracks are selected, so the web and the CLI use the same names.
/// Filters combine with AND; text filters ignore case. The query names are the properties' names in camelCase, as
/// ServiceDefaults' OpenAPI transformer documents them (binding ignores case).
/// </summary>
public record TrackFilter
{
    /// <summary>
    /// Free text: found in the title, artist, album or file name (any part of them), or equal to one of the track's tags
    /// (the whole tag). Generated descriptions are not searched: they repeat words like "track" and "BPM" on every track.
    /// Without an explicit sort, list matches are ranked: the exact title first, then titles starting with the text, then
    /// the rest, newest first within each.
    /// </summary>
    [Description("Free text: part of the title, artist, album or file name, or a whole tag.")]
    public string? Q { get; init; }

    [Description("A genre name, e.g. techno (any case).")]
    public string? Genre { get; init; }

    [Description("A mood name, e.g. energetic (any case).")]
    public string? Mood { get; init; }

    [Description("An instrument name, e.g. piano (any case).")]
    public string? Instrument { get; init; }

    [Description("A key as the analysis names it, e.g. A minor.")]
    public string? Key { get; init; }

    [Description("A Camelot code, e.g. 8A (any case).")]
    public string? Camelot { get; init; }

    [Description("With camelot: also the keys that mix with it (one step round the wheel either way, and the relative major or minor), e.g. 8A matches 8A, 7A, 9A and 8B.")]
    public bool? CamelotNeighbours { get; init; }

    [Description("Lowest tempo in BPM (inclusive).")]
    public double? BpmMin { get; init; }

    [Description("Highest tempo in BPM (inclusive).")]
    public double? BpmMax { get; init; }

    [Description("With bpmMin/bpmMax: also tracks at half or double that tempo (a 70 BPM track mixes at 140), as tempo detection may name either.")]
    public bool? BpmHalfDouble { get; init; }

    [Description("Lowest energy, 0..1 (inclusive).")]
    public double? EnergyMin { get; init; }

    [Description("Highest energy, 0..1 (inclusive).")]
    public double? EnergyMax { get; init; }

    [Description("Lowest integrated loudness in LUFS (inclusive), e.g. -14.")]
    public double? LoudnessMin { get; init; }

    [Description("Highest integrated loudness in LUFS (inclusive), e.g. -6.")]
    public double? LoudnessMax { get; init; }

    [Description("uploaded, analyzing, analyzed or failed.")]
    public string? Status { get; init; }

    /// <summary><see cref="Status"/> as the stores compare it; null when there is none (or it is invalid: see <see cref="Validate"/>).</summary>
    [JsonIgnore]
    public TrackStatus? StatusValue => Status is null ? null : ParseStatus(Status);

    /// <summary>
    /// <see cref="Q"/> as the stores compare it: whitespace runs as one space, lower case; null when there is no text to
    /// search. Names are stored in Unicode NFC (Ingest normalises them) and the web app sends its search in NFC.
    /// </summary>
    [JsonIgnore]
    public string? SearchText =>
        string.IsNullOrWhiteSpace(Q)
            ? null
            : string.Join(' ', Q.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>
    /// The Camelot codes a track's key may have: none (no key filter), the one asked, or with <see cref="CamelotNeighbours"/>
    /// the code and its harmonic neighbours (<see cref="HarmonicRules"/>' compatible moves: ±1 on the wheel, relative key).
    /// </summary>
    public IReadOnlyList<string> CamelotCodes()
    {
        if (string.IsNullOrWhiteSpace(Camelot))
        {
            return [];
        }

        var code = Camelot.Trim().ToUpperInvariant();
        return CamelotNeighbours == true && CamelotKey.TryParse(code, out var key)
            ? [key.ToString(), key.Rotate(-1).ToString(), key.Rotate(1).ToString(), key.Relative.ToString()]
            : [code];
    }

    /// <summary>
    /// The tempo ranges a track may fall in (any of them): the one asked, and with <see cref="BpmHalfDouble"/> the same
    /// range halved and doubled. Empty when there is no tempo bound.
    /// </summary>
    public IReadOnlyList<(double? Min, double? Max)> BpmRanges()
    {
        if (BpmMin is null && BpmMax is null)
        {
            return [];
        }

        return BpmHalfDouble == true
            ? [(BpmMin, BpmMax), (BpmMin / 2, BpmMax / 2), (BpmMin * 2, BpmMax * 2)]
            : [(BpmMin, BpmMax)];
    }

    /// <summary>Each invalid value, keyed by the field's name as the query string spells it; empty when all are valid.</summary>
    public virtual Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Status is not null && ParseStatus(Status) is null)
        {
            errors["status"] = ["Use uploaded, analyzing, analyzed or failed."];
        }

        foreach (var (name, bound) in new[]
                 {
                     ("bpmMin", BpmMin), ("bpmMax", BpmMax), ("energyMin", EnergyMin), ("energyMax", EnergyMax),
                     ("loudnessMin", LoudnessMin), ("loudnessMax", LoudnessMax),
                 })
        {
            if (bound is { } value && !double.IsFinite(value))
            {
                errors[name] = [$"{name} is a finite number."];
            }
        }

        if (BpmMin > BpmMax)
        {
            errors.TryAdd("bpmMin", ["bpmMin is above bpmMax."]);
        }

        if (EnergyMin > EnergyMax)
        {
            errors.TryAdd("energyMin", ["energyMin is above energyMax."]);
        }

        if (LoudnessMin > LoudnessMax)
        {
            errors.TryAdd("loudnessMin", ["loudnessMin is above loudnessMax."]);
        }

        if (CamelotNeighbours == true && !CamelotKey.TryParse(Camelot?.Trim().ToUpperInvariant(), out _))
        {
            errors["camelot"] = ["camelotNeighbours needs a Camelot code, 1A to 12B."];
        }

        if (BpmHalfDouble == true && BpmMin is null && BpmMax is null)
        {
            errors["bpmHalfDouble"] = ["bpmHalfDouble needs bpmMin or bpmMax."];
        }

        return errors;
    }

    /// <summary>A status by its name only: <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would also take numbers and lists.</summary>
    private static TrackStatus? ParseStatus(string status) =>
        Enum.GetValues<TrackStatus>().Select(value => (TrackStatus?)value)
            .FirstOrDefault(value => string.Equals(value.ToString(), status, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether a stored track (labels lower-cased) passes the filter: the rule both stores' queries express, as a predicate
    /// with the filter's values normalised once, for a store that filters in memory.
    /// </summary>
    public Func<Track, bool> Predicate()
    {
        var (status, text) = (StatusValue, SearchText);
        var (genre, mood, instrument) = (Lower(Genre), Lower(Mood), Lower(Instrument));
        var (key, camelotCodes) = (string.IsNullOrWhiteSpace(Key) ? null : Key, CamelotCodes());
        var (bpmRanges, energyMin, energyMax, loudnessMin, loudnessMax) = (BpmRanges(), EnergyMin, EnergyMax, LoudnessMin, LoudnessMax);
        return track =>
        {
            var analysis = track.Analysis;
            return (status is null || track.Status == status)
                && (text is null || MatchesText(track, text))
                && (genre is null || analysis?.GenreNames.Contains(genre) == true)
                && (mood is null || analysis?.MoodNames.Contains(mood) == true)
                && (instrument is null || analysis?.InstrumentNames.Contains(instrument) == true)
                && (key is null || analysis?.Key == key)
                && (camelotCodes.Count == 0 || (analysis?.Camelot is { } camelot && camelotCodes.Contains(camelot)))
                && (bpmRanges.Count == 0 || bpmRanges.Any(range => InRange(analysis?.TempoBpm, range.Min, range.Max)))
                && InRange(analysis?.Energy, energyMin, energyMax)
                && InRange(analysis?.LoudnessLufs, loudnessMin, loudnessMax);
        };
    }

    private static string? Lower(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.ToLowerInvariant();

    private static bool MatchesText(Track track, string text) =>
        Contains(track.Title, text) || Contains(track.Artist, text) || Contains(track.Album, text) || Contains(track.FileName, text)
        || track.Analysis?.Tags.Any(tag => tag.Equals(text, StringComparison.OrdinalIgnoreCase)) == true;

    private static bool Contains(string? field, string text) => field?.Contains(text, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A bound excludes a track without the value, as a store's comparison with a missing field does.</summary>
    private static bool InRange(double? value, double? min, double? max) =>
        (min is null || value >= min) && (max is null || value <= max);
}

/// <summary>
/// A list request: the <see cref="TrackFilter"/>, a sort and a page. <see cref="Sort"/> is one of <c>createdAt</c>,
/// <c>tempoBpm</c>, <c>loudnessLufs</c>, <c>title</c>, <c>energy</c>, with a leading <c>-</c> for descending; ties are
/// broken by track id so pages never overlap.
/// </summary>
public sealed record TrackQuery : TrackFilter
{
    public const int MaxPageSize = 100;

    /// <summary>The last page anyone can ask for: beyond it the offset of its first track would not fit an int.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public TrackQuery()
    {
    }

    private TrackQuery(TrackFilter filter)
        : base(filter)
    {
    }

    /// <summary>A list request for a saved filter (a smart playlist's) with its sort and the page asked for.</summary>
    public static TrackQuery Of(TrackFilter filter, string? sort, int? page, int? pageSize) =>
        new(filter) { Sort = sort, Page = page, PageSize = pageSize };

    [Description("createdAt, tempoBpm, loudnessLufs, title or energy; '-' in front for descending. Newest first by default.")]
    public string? Sort { get; init; }

    [Description("From 1.")]
    public int? Page { get; init; }

    [Description("1 to 100; 20 by default.")]
    public int? PageSize { get; init; }

    /// <summary>Whether matches are ordered by <see cref="SearchRank"/>: a search with no explicit sort.</summary>
    public bool RanksSearchMatches => SearchText is not null && string.IsNullOrWhiteSpace(Sort);

    public override Dictionary<string, string[]> Validate()
    {
        var errors = base.Validate();
        if (!TryParseSort(Sort, out _))
        {
            errors["sort"] = [$"Sort by {string.Join(", ", SortNames)}, with '-' in front for descending."];
        }

        if (Page is < 1 or > MaxPage)
        {
            errors["page"] = [$"page is 1 to {MaxPage}."];
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize is 1 to {MaxPageSize}."];
        }

        return errors;
    }

    /// <summary>0 when <paramref name="sortTitle"/> (lower-cased) is the search text, 1 when it starts with it, 2 otherwise.</summary>
    public static int SearchRank(string sortTitle, string searchText) =>
        sortTitle == searchText ? 0 : sortTitle.StartsWith(searchText, StringComparison.Ordinal) ? 1 : 2;

    /// <summary>The sort field and direction; throws <see cref="ArgumentException"/> for an unknown field.</summary>
    public (TrackSortField Field, bool Descending) ParseSort() =>
        TryParseSort(Sort, out var sort)
            ? sort
            : throw new ArgumentException(
                $"Unknown sort '{Sort}': use {string.Join(", ", SortNames)}, with '-' for descending.", nameof(Sort));

    /// <summary>The sort names, as the API documents them; matched ignoring case.</summary>
    public static IReadOnlyList<string> SortNames { get; } = ["createdAt", "tempoBpm", "loudnessLufs", "title", "energy"];

    /// <summary>
    /// A sort as the API takes it: one of <see cref="SortNames"/> (any case), with one leading <c>-</c> for descending;
    /// nothing is newest first. The one parser the request's validation and the repositories share.
    /// </summary>
    public static bool TryParseSort(string? sort, out (TrackSortField Field, bool Descending) parsed)
    {
        parsed = (TrackSortField.CreatedAt, true);
        if (string.IsNullOrWhiteSpace(sort))
        {
            return true;
        }

        var descending = sort.StartsWith('-');
        var name = descending ? sort[1..] : sort;
        TrackSortField? field = name.ToLowerInvariant() switch
        {
            "createdat" => TrackSortField.CreatedAt,
            "tempobpm" => TrackSortField.TempoBpm,
            "loudnesslufs" => TrackSortField.LoudnessLufs,
            "title" => TrackSortField.Title,
            "energy" => TrackSortField.Energy,
            _ => null,
        };
        if (field is null)
        {
            return false;
        }

        parsed = (field.Value, descending);
        return true;
    }

    /// <summary>Page from 1 to <see cref="MaxPage"/>; page size clamped to 1..<see cref="MaxPageSize"/> (20 when not given).</summary>
    public (int Page, int PageSize) Paging() => (Math.Clamp(Page ?? 1, 1, MaxPage), Math.Clamp(PageSize ?? 20, 1, MaxPageSize));
}

public enum TrackSortField
{
    CreatedAt,
    TempoBpm,
    LoudnessLufs,
    Title,
    Energy,
}
