using AudioPlatform.Analysis.Model;
using AudioPlatform.Storage;
using Microsoft.Net.Http.Headers;

namespace AudioPlatform.Analysis.Apis;

/// <summary>The waveform and spectrogram, served by the service that writes them.</summary>
public static class DerivedApi
{
    private const string DerivedDescription =
        "Never changes once the analysis wrote it: `Cache-Control: private, max-age=31536000, immutable` and an `ETag`; " +
        "send it back in `If-None-Match` to get 304. 404 (problem details) until the track is analysed, and for a track " +
        "that is another user's or does not exist.";

    public static RouteGroupBuilder MapDerivedApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audio").WithTags("Audio").RequireAuthorization();

        api.MapGet("/{trackId}/waveform", (Guid trackId, HttpContext context, IObjectStorage storage, CancellationToken ct) =>
                DerivedAsync(trackId, DerivedBlobs.Waveform, context, storage, ct))
            .WithName("GetWaveform")
            .WithSummary("Waveform peaks for display (min/max pairs), once the track is analysed.")
            .WithDescription(DerivedDescription)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{trackId}/spectrogram.png", (Guid trackId, HttpContext context, IObjectStorage storage, CancellationToken ct) =>
                DerivedAsync(trackId, DerivedBlobs.Spectrogram, context, storage, ct))
            .WithName("GetSpectrogram")
            .WithSummary("The spectrogram image, once the track is analysed.")
            .WithDescription(DerivedDescription)
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    /// <summary>
    /// A blob the analysis derived. The key is built from the token's user (<see cref="ObjectKey.ForDerived"/>), so
    /// another user's track id finds nothing: one answer for "not analysed", "absent" and "not yours". The blob never
    /// changes for an analysis, so it is cacheable and answers 304 to a matching ETag.
    /// </summary>
    public static async Task DerivedAsync(Guid trackId, string name, HttpContext context, IObjectStorage storage, CancellationToken cancellationToken)
    {
        var key = ObjectKey.ForDerived(context.User.GetUserId()!, trackId, name);
        if (await storage.StatAsync(key, cancellationToken) is not { } properties)
        {
            await TypedResults.Problem("No such analysed track: it does not exist, is not yours, or has not been analysed yet.",
                statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
            return;
        }

        var etag = new EntityTagHeaderValue($"\"{properties.ETag.Trim('"')}\"");
        context.Response.Headers.ETag = etag.ToString();
        context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        // Weak comparison, as If-None-Match asks (RFC 9110 13.1.2): a compressing proxy may have weakened the tag.
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(tag =>
                tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = properties.ContentType;
        context.Response.ContentLength = properties.Size;
        await using var content = await storage.GetAsync(key, cancellationToken);
        await content.CopyToAsync(context.Response.Body, cancellationToken);
    }
}
