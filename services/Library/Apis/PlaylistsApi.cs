using System.Globalization;
using System.Security.Claims;
using System.Text;
using AudioPlatform.Library.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AudioPlatform.Library.Apis;

/// <summary>A smart playlist as the API shows it, with how many tracks its filter matches now.</summary>
public sealed record PlaylistDto(Guid Id, string Name, TrackFilter Filter, string? Sort, int TrackCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// A new playlist (<c>POST</c>) or the change of one (<c>PATCH</c>: only what is given changes). <c>filter</c> takes the names
/// of <c>GET /api/v1/audio</c>'s filter; <c>sort</c> its sort names ("" for newest first).
/// </summary>
public sealed record PlaylistRequest(string? Name, TrackFilter? Filter, string? Sort)
{
    public Dictionary<string, string[]> Validate(bool nameRequired)
    {
        var errors = new Dictionary<string, string[]>();
        if (Filter?.Validate() is { } filterErrors)
        {
            foreach (var (field, messages) in filterErrors)
            {
                errors[$"filter.{field}"] = messages;
            }
        }

        if ((nameRequired || Name is not null) && (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > Playlist.MaxNameLength))
        {
            errors["name"] = [$"A name of 1 to {Playlist.MaxNameLength} characters is required."];
        }

        if (!TrackQuery.TryParseSort(Sort, out _))
        {
            errors["sort"] = [$"Sort by {string.Join(", ", TrackQuery.SortNames)}, with '-' in front for descending."];
        }

        return errors;
    }
}

/// <summary>
/// Smart playlists: saved filters, evaluated whenever they are read, so they stay up to date as tracks arrive. Under
/// <c>/api/v1/library/playlists</c>. An M3U export is built by the client from <c>GET /{id}/tracks</c> and Ingest's
/// signed stream links (<c>POST /api/v1/audio/stream-links</c>): Ingest owns the audio and the links to it, the Library
/// owns which tracks a playlist holds.
/// </summary>
public static class PlaylistsApi
{
    /// <summary>The most tracks an export writes.</summary>
    public const int MaxExportTracks = 10_000;

    public static RouteGroupBuilder MapPlaylistsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/library/playlists").WithTags("Playlists").RequireAuthorization();

        api.MapGet("", List).WithName("ListPlaylists")
            .WithSummary("The user's smart playlists by name, each with the number of tracks its filter matches now.");
        api.MapPost("", Create).WithName("CreatePlaylist")
            .WithSummary("Saves a filter as a smart playlist.")
            .WithDescription("""
                Body: `{ "name": "Warm-up", "filter": { "genre": "house", "bpmMin": 118, "bpmMax": 124, "bpmHalfDouble": true,
                "camelot": "8A", "camelotNeighbours": true }, "sort": "tempoBpm" }`. The filter has the fields and the validation of
                `GET /api/v1/audio`'s query (errors are named `filter.<field>`); no filter is every track. 201 with the playlist;
                409 when the user already has a playlist of that name (names compare ignoring case).
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{playlistId}", Get).WithName("GetPlaylist").WithSummary("One playlist with its current track count.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{playlistId}", Update).WithName("UpdatePlaylist")
            .WithSummary("Renames a playlist, or replaces its filter or sort: only the fields given change.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/{playlistId}", Delete).WithName("DeletePlaylist")
            .WithSummary("Deletes the playlist (never its tracks). 404 for a playlist that does not exist or is another user's.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{playlistId}/tracks", Tracks).WithName("PlaylistTracks")
            .WithSummary("The playlist's tracks as list rows, evaluated now (tracks that arrived since it was saved are in it), in its sort.")
            .WithDescription("`page` from 1, `pageSize` 1 to 100 (20 by default), as `GET /api/v1/audio`.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{playlistId}/export", Export).WithName("ExportPlaylist")
            .WithSummary("The playlist's tracks as CSV (format=csv), up to 10,000, in its sort.")
            .WithDescription("""
                The CLI's CSV columns; `streamUrl` is the stream's path, which needs the token. `format=m3u` is refused (400): a
                playlist a media player opens needs signed links, which Ingest makes; build it from `GET /{id}/tracks` and
                `POST /api/v1/audio/stream-links`, as the web app and `audioplatform export --playlist` do.
                """)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Ok<List<PlaylistDto>>> List(
        ClaimsPrincipal user, IPlaylistRepository playlists, ITrackRepository tracks, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId()!;
        var result = new List<PlaylistDto>();
        foreach (var playlist in await playlists.ListAsync(userId, cancellationToken))
        {
            result.Add(await ToDtoAsync(playlist, tracks, cancellationToken));
        }

        return TypedResults.Ok(result);
    }

    public static async Task<Results<Created<PlaylistDto>, ValidationProblem, ProblemHttpResult>> Create(
        PlaylistRequest request, ClaimsPrincipal user, IPlaylistRepository playlists, ITrackRepository tracks, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (request.Validate(nameRequired: true) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var name = request.Name!.Trim();
        var playlist = new Playlist
        {
            Id = Guid.NewGuid(),
            UserId = user.GetUserId()!,
            Name = name,
            NameKey = Playlist.KeyOf(name),
            Filter = Stored(request.Filter),
            Sort = string.IsNullOrWhiteSpace(request.Sort) ? null : request.Sort,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await playlists.AddAsync(playlist, cancellationToken) == PlaylistChange.NameTaken)
        {
            return NameTaken(name);
        }

        return TypedResults.Created($"/api/v1/library/playlists/{playlist.Id}", await ToDtoAsync(playlist, tracks, cancellationToken));
    }

    public static async Task<Results<Ok<PlaylistDto>, ProblemHttpResult>> Get(
        Guid playlistId, ClaimsPrincipal user, IPlaylistRepository playlists, ITrackRepository tracks, CancellationToken cancellationToken) =>
        await playlists.GetAsync(user.GetUserId()!, playlistId, cancellationToken) is { } playlist
            ? TypedResults.Ok(await ToDtoAsync(playlist, tracks, cancellationToken))
            : NoSuchPlaylist();

    public static async Task<Results<Ok<PlaylistDto>, ValidationProblem, ProblemHttpResult>> Update(
        Guid playlistId, PlaylistRequest request, ClaimsPrincipal user, IPlaylistRepository playlists, ITrackRepository tracks, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (request.Validate(nameRequired: false) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await playlists.GetAsync(user.GetUserId()!, playlistId, cancellationToken) is not { } playlist)
        {
            return NoSuchPlaylist();
        }

        if (request.Name is { } name)
        {
            playlist.Name = name.Trim();
            playlist.NameKey = Playlist.KeyOf(name);
        }

        if (request.Filter is not null)
        {
            playlist.Filter = Stored(request.Filter);
        }

        if (request.Sort is not null)
        {
            playlist.Sort = request.Sort.Length == 0 ? null : request.Sort;
        }

        playlist.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return await playlists.UpdateAsync(playlist, cancellationToken) switch
        {
            PlaylistChange.NameTaken => NameTaken(playlist.Name),
            PlaylistChange.NotFound => NoSuchPlaylist(),
            _ => TypedResults.Ok(await ToDtoAsync(playlist, tracks, cancellationToken)),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid playlistId, ClaimsPrincipal user, IPlaylistRepository playlists, CancellationToken cancellationToken) =>
        await playlists.DeleteAsync(user.GetUserId()!, playlistId, cancellationToken) ? TypedResults.NoContent() : NoSuchPlaylist();

    public static async Task<Results<Ok<PagedList<TrackSummaryDto>>, ValidationProblem, ProblemHttpResult>> Tracks(
        Guid playlistId, int? page, int? pageSize, ClaimsPrincipal user, IPlaylistRepository playlists, ITrackRepository tracks,
        CancellationToken cancellationToken)
    {
        var userId = user.GetUserId()!;
        if (await playlists.GetAsync(userId, playlistId, cancellationToken) is not { } playlist)
        {
            return NoSuchPlaylist();
        }

        var query = playlist.Query(page, pageSize);
        if (query.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var found = await tracks.ListAsync(userId, query, cancellationToken);
        return TypedResults.Ok(new PagedList<TrackSummaryDto>(found.Items.Select(TracksApi.ToSummaryDto).ToList(), found.Page, found.PageSize, found.TotalCount));
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> Export(
        Guid playlistId, string? format, ClaimsPrincipal user, IPlaylistRepository playlists, ITrackRepository tracks,
        CancellationToken cancellationToken)
    {
        if (!string.Equals(format ?? "csv", "csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["format"] = [string.Equals(format, "m3u", StringComparison.OrdinalIgnoreCase)
                    ? "The Library exports CSV only. An M3U needs signed stream links, which Ingest makes: build it from GET /api/v1/library/playlists/{id}/tracks and POST /api/v1/audio/stream-links (the web app and `audioplatform export --playlist NAME` do)."
                    : "format is csv."],
            });
        }

        var userId = user.GetUserId()!;
        if (await playlists.GetAsync(userId, playlistId, cancellationToken) is not { } playlist)
        {
            return NoSuchPlaylist();
        }

        var csv = new StringBuilder();
        PlaylistCsv.WriteHeader(csv);
        for (var page = 1; page <= MaxExportTracks / TrackQuery.MaxPageSize; page++)
        {
            var found = await tracks.ListAsync(userId, playlist.Query(page, TrackQuery.MaxPageSize), cancellationToken);
            foreach (var track in found.Items)
            {
                PlaylistCsv.WriteRow(csv, track);
            }

            if ((long)page * TrackQuery.MaxPageSize >= found.TotalCount)
            {
                break;
            }
        }

        return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>No filter is every track.</summary>
    private static TrackFilter Stored(TrackFilter? filter) => filter ?? new TrackFilter();

    private static async Task<PlaylistDto> ToDtoAsync(Playlist playlist, ITrackRepository tracks, CancellationToken cancellationToken)
    {
        var count = (await tracks.ListAsync(playlist.UserId, playlist.Query(1, 1), cancellationToken)).TotalCount;
        return new PlaylistDto(playlist.Id, playlist.Name, playlist.Filter, playlist.Sort, (int)count,
            TracksApi.Utc(playlist.CreatedAt), TracksApi.Utc(playlist.UpdatedAt));
    }

    private static ProblemHttpResult NoSuchPlaylist() =>
        TypedResults.Problem("No such playlist.", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult NameTaken(string name) =>
        TypedResults.Problem($"You already have a playlist named \"{name}\". Choose another name.", statusCode: StatusCodes.Status409Conflict,
            title: "Playlist name taken");
}

/// <summary>The export's CSV: the columns the CLI's export writes, RFC 4180 with CRLF line ends.</summary>
internal static class PlaylistCsv
{
    private static readonly string[] Columns =
    [
        "trackId", "title", "artist", "fileName", "format", "status", "durationSeconds", "tempoBpm", "key", "camelot",
        "timeSignature", "loudnessLufs", "energy", "danceability", "valence", "genre", "moods", "instruments", "tags",
        "createdAt", "streamUrl",
    ];

    public static void WriteHeader(StringBuilder csv) => WriteRow(csv, Columns);

    public static void WriteRow(StringBuilder csv, Track track)
    {
        var a = track.Analysis;
        WriteRow(csv,
        [
            track.Id.ToString(), track.Title, track.Artist ?? "", track.FileName, track.Format, track.Status.ToString().ToLowerInvariant(),
            Number(a?.DurationSeconds), Number(a?.TempoBpm), a?.Key ?? "", a?.Camelot ?? "", a?.TimeSignature ?? "",
            Number(a?.LoudnessLufs), Number(a?.Energy), Number(a?.Danceability), Number(a?.Valence), a?.TopGenre ?? "",
            string.Join("; ", a?.Moods.Select(label => label.Name) ?? []), string.Join("; ", a?.Instruments.Select(label => label.Name) ?? []),
            string.Join("; ", a?.Tags ?? []), TracksApi.Utc(track.CreatedAt).ToString("O", CultureInfo.InvariantCulture),
            $"/api/v1/audio/{track.Id}/stream",
        ]);
    }

    private static void WriteRow(StringBuilder csv, IReadOnlyList<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Field));
        csv.Append("\r\n");
    }

    private static string Number(double? value) => value is { } number && double.IsFinite(number) ? number.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value.Length != value.Trim().Length
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value;
}
