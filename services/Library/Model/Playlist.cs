namespace AudioPlatform.Library.Model;

/// <summary>
/// A smart playlist: a saved <see cref="TrackFilter"/> (and sort) with a name. Its tracks are never stored: they are the
/// filter's matches at the moment they are asked for, so the playlist stays up to date as tracks arrive, change and go.
/// </summary>
public sealed class Playlist
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The name as uniqueness compares it (trimmed, lower case): one playlist of each name per user.</summary>
    public string NameKey { get; set; } = "";

    public TrackFilter Filter { get; set; } = new();

    /// <summary>One of <see cref="TrackQuery.SortNames"/> with an optional leading '-'; null is newest first.</summary>
    public string? Sort { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public const int MaxNameLength = 100;

    public static string KeyOf(string name) => name.Trim().ToLowerInvariant();

    /// <summary>The list request that evaluates the playlist now: its filter, its sort and the page asked for.</summary>
    public TrackQuery Query(int? page = null, int? pageSize = null) => TrackQuery.Of(Filter, Sort, page, pageSize);
}

public enum PlaylistChange
{
    Applied,
    NotFound,

    /// <summary>The user already has another playlist of that name.</summary>
    NameTaken,
}
