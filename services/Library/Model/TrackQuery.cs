namespace AudioPlatform.Library.Model;

/// <summary>
/// A list request. Filters combine with AND; text filters ignore case. <see cref="Sort"/> is one of
/// <c>createdAt</c>, <c>tempoBpm</c>, <c>loudnessLufs</c>, <c>title</c>, <c>energy</c>, with a leading <c>-</c> for
/// descending; ties are broken by track id so pages never overlap.
/// </summary>
public sealed record TrackQuery
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// Free text: found in the title, artist, album or file name (any part of them), or equal to one of the track's tags
    /// (the whole tag). Generated descriptions are not searched: they repeat words like "track" and "BPM" on every track.
    /// Without an explicit <see cref="Sort"/>, matches are ranked: the exact title first, then titles starting with the
    /// text, then the rest, newest first within each.
    /// </summary>
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

    public TrackStatus? Status { get; init; }

    public string? Sort { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;

    /// <summary>
    /// <see cref="Q"/> as the stores compare it: whitespace runs as one space, lower case; null when there is no text to
    /// search. Names are stored in Unicode NFC (Ingest normalises them) and the web app sends its search in NFC.
    /// </summary>
    public string? SearchText =>
        string.IsNullOrWhiteSpace(Q)
            ? null
            : string.Join(' ', Q.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>Whether matches are ordered by <see cref="SearchRank"/>: a search with no explicit sort.</summary>
    public bool RanksSearchMatches => SearchText is not null && string.IsNullOrWhiteSpace(Sort);

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

    /// <summary>The last page anyone can ask for: beyond it the offset of its first track would not fit an int.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    /// <summary>Page from 1 to <see cref="MaxPage"/>; page size clamped to 1..<see cref="MaxPageSize"/>.</summary>
    public (int Page, int PageSize) Paging() => (Math.Clamp(Page, 1, MaxPage), Math.Clamp(PageSize, 1, MaxPageSize));
}

public enum TrackSortField
{
    CreatedAt,
    TempoBpm,
    LoudnessLufs,
    Title,
    Energy,
}
