using System.Globalization;
using System.Security.Claims;
using AudioPlatform.Ingest.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AudioPlatform.Ingest.Apis;

/// <summary>Which tracks to export: the user's own track ids, each once.</summary>
public sealed record ExportRequest(IReadOnlyList<Guid>? TrackIds);

public static class ExportApi
{
    /// <summary>A zip holds at most this many tracks: a whole library goes out in a few (the CLI pages through it).</summary>
    public const int MaxTracks = 500;

    /// <summary>The address form (<c>GET ?ids=</c>) must fit in Kestrel's 8 KB request line: 36 characters an id.</summary>
    public const int MaxTracksInAddress = 100;

    public static RouteGroupBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audio/export").WithTags("Audio").RequireAuthorization();

        api.MapPost("", ExportPosted)
            .WithName("ExportTaggedZip")
            .WithSummary($"A zip of up to {MaxTracks} of the user's tracks, each with its analysis written into its own tags.")
            .WithDescription("""
                Body: `{ "trackIds": [...] }` (the ids of a selection, a filter's page or a playlist). Each file is the one
                `GET /api/v1/audio/{trackId}/stream?tags=true` answers, named as it was uploaded; a track whose analysis has not
                completed, or whose own tag structure cannot be read, is included as uploaded. `export.csv` in the zip says
                which is which and why. The zip is streamed as it is made (no Content-Length), one track after another.
                400 for an empty, too long or repeating list; 404 naming the ids the user has no track for.
                Example: `curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"trackIds":["…"]}' -o tracks.zip http://localhost:8080/api/v1/audio/export`.
                """)
            .Accepts<ExportRequest>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("", ExportFromAddress)
            .WithName("ExportTaggedZipFromAddress")
            .WithSummary($"The same zip for up to {MaxTracksInAddress} tracks named in the address (`?ids=a,b,c`): a link a browser downloads itself.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    public static Task<IResult> ExportPosted(ExportRequest request, ClaimsPrincipal user, TaggedCopies copies, CancellationToken cancellationToken) =>
        ExportAsync(request.TrackIds ?? [], MaxTracks, "trackIds", user, copies, cancellationToken);

    public static Task<IResult> ExportFromAddress(string? ids, ClaimsPrincipal user, TaggedCopies copies, CancellationToken cancellationToken)
    {
        var parsed = new List<Guid>();
        foreach (var id in (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Guid.TryParse(id, out var trackId))
            {
                return Task.FromResult<IResult>(TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["ids"] = [$"'{Shorten(id)}' is not a track id; give the ids separated by commas."],
                }));
            }

            parsed.Add(trackId);
        }

        return ExportAsync(parsed, MaxTracksInAddress, "ids", user, copies, cancellationToken);
    }

    private static async Task<IResult> ExportAsync(
        IReadOnlyList<Guid> trackIds, int limit, string field, ClaimsPrincipal user, TaggedCopies copies, CancellationToken cancellationToken)
    {
        string? invalid = trackIds.Count switch
        {
            0 => "Name at least one track.",
            var count when count > limit => $"At most {limit} tracks a zip; this asks for {count}. Export them in several.",
            _ when trackIds.Distinct().Count() != trackIds.Count => "Each track once: the list repeats an id.",
            _ => null,
        };
        if (invalid is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [invalid] });
        }

        var userId = user.GetUserId()!;
        if (await copies.MissingAsync(userId, trackIds, cancellationToken) is { Count: > 0 } missing)
        {
            return TypedResults.Problem(
                $"{missing.Count} of the {trackIds.Count} tracks are not in your library (deleted, or never yours): {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", …" : "")}.",
                statusCode: StatusCodes.Status404NotFound, title: "No such track",
                extensions: new Dictionary<string, object?> { ["missing"] = missing });
        }

        return new ZipResult(userId, trackIds, copies);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>Streams the zip into the response as it is written.</summary>
    private sealed class ZipResult(string userId, IReadOnlyList<Guid> trackIds, TaggedCopies copies) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            response.ContentType = "application/zip";
            response.Headers.CacheControl = "private, no-store";
            response.Headers.ContentDisposition = AudioApi.Attachment(
                $"audioplatform-{DateTime.UtcNow.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture)}.zip");
            await copies.WriteZipAsync(userId, trackIds, response.Body, context.RequestAborted);
        }
    }
}
