using System.Globalization;
using System.Security.Claims;
using AudioPlatform.AudioTags;
using AudioPlatform.Ingest.Model;
using AudioPlatform.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Ingest.Apis;

public static class AudioApi
{
    public static RouteGroupBuilder MapAudioApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audio").WithTags("Audio").RequireAuthorization();

        api.MapPost("/upload", Upload)
            .WithName("UploadAudio")
            .WithSummary("Uploads one or several audio files (multipart, parts named 'file'); answers 202 with the created tracks.")
            .WithDescription("""
                MP3, WAV, FLAC, AIFF or OGG, recognised by their first bytes whatever the name says, up to 100 MB each and
                10 files per request. Each file is streamed to disk, probed and stored before the answer, and announced for
                analysis (at once, or from Ingest's outbox once the message broker is back); a refused request stores nothing. The track's progress then arrives on the WebSocket `/api/v1/ws`.
                Example: `curl -H "Authorization: Bearer $TOKEN" -F file=@track.flac http://localhost:8080/api/v1/audio/upload`.
                """)
            .DisableAntiforgery()
            .Accepts<UploadForm>("multipart/form-data")
            .Produces<IReadOnlyList<UploadedTrack>>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/stream-links", StreamLinks)
            .WithName("CreateStreamLinks")
            .WithSummary("Signed, expiring stream links for the caller's tracks: what a playlist file gives a media player, which has no token.")
            .WithDescription("""
                `{ "trackIds": [...], "expiresInHours": 24 }` (1 to 168 hours, 24 by default; at most 1000 tracks). Answers a link
                for each of the caller's own tracks, in the order asked; an id that is not one of the caller's tracks gets no link.
                A link is a path on the platform's public origin (`/api/v1/audio/{trackId}/stream?user=…&exp=…&sig=…`) that
                streams that one track, ranges included, without a token until it expires. Anyone holding a link can play the
                track until then: share playlists accordingly.
                """)
            .ProducesValidationProblem();

        api.MapGet("/{trackId}/stream", Stream)
            .WithName("StreamAudio")
            .WithSummary("The original audio, with HTTP range support for playback and seeking.")
            .AllowAnonymous()
            .WithDescription("""
                Either with the bearer token, or without one through a signed link from `POST /api/v1/audio/stream-links`
                (`user`, `exp` and `sig` as issued; an expired or altered link is 403). Without either it is 401.
                One `Range: bytes=from-to` (or `bytes=-suffix`) is answered 206 with `Content-Range`; a range past the end is 416.
                `?download=true` adds `Content-Disposition: attachment` with the file name the track was uploaded with.
                `?tags=true` answers a copy with the analysis written into the file's own tags, where DJ software reads them
                (ID3v2.4 `TBPM`, `TKEY`, `TCON`, `TMOO`, `TXXX:CAMELOT` in MP3, WAV and AIFF; Vorbis comments `BPM`,
                `INITIALKEY`, `CAMELOT`, `GENRE`, `MOOD` in FLAC and Ogg); the audio itself is the same bytes. A tagged copy is
                answered whole (no ranges); 409 until the track's analysis has completed.
                The response carries an `ETag`; it is never compressed.
                """)
            .Produces(StatusCodes.Status200OK, contentType: "audio/mpeg", additionalContentTypes: ["audio/wav", "audio/flac", "audio/aiff", "audio/ogg"])
            .Produces(StatusCodes.Status206PartialContent, contentType: "audio/mpeg")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return api;
    }

    public static async Task<IResult> Upload(
        HttpContext context, ClaimsPrincipal user, UploadProcessor uploads, IOptions<UploadOptions> options, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId()!;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxRequestBytes;
        }

        try
        {
            var tracks = await uploads.ProcessAsync(userId, context.Request.ContentType, context.Request.Body, cancellationToken);
            return TypedResults.Accepted((string?)null, tracks);
        }
        catch (UploadRefusedException refused)
        {
            if (refused.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            var extensions = new Dictionary<string, object?>();
            if (refused.FileName is not null)
            {
                extensions["fileName"] = refused.FileName;
            }

            if (refused.Accepted.Count > 0)
            {
                extensions["accepted"] = refused.Accepted;
            }

            return TypedResults.Problem(refused.Message, statusCode: refused.StatusCode, title: refused.Title, extensions: extensions);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem($"The request is larger than {options.Value.MaxRequestBytes / (1024 * 1024)} MB.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large");
        }
        catch (InvalidDataException malformed)
        {
            return TypedResults.Problem($"The multipart body is malformed: {malformed.Message}",
                statusCode: StatusCodes.Status400BadRequest, title: "Malformed upload");
        }
    }

    /// <summary>
    /// <c>attachment</c> with the name in both forms: <c>filename</c> (ASCII, quoted and escaped, for old clients) and
    /// <c>filename*</c> (RFC 5987 UTF-8), so a name with quotes, semicolons or non-ASCII letters cannot break the header.
    /// The name is made safe again here although uploads already were: objects stored before that kept the name as sent.
    /// </summary>
    public static string Attachment(string fileName)
    {
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(UploadNames.FileName(fileName));
        return disposition.ToString();
    }

    public static async Task<Results<Ok<StreamLinks>, ValidationProblem>> StreamLinks(
        StreamLinksRequest request, ClaimsPrincipal user, IObjectStorage storage, StreamLinkSigner signer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = user.GetUserId()!;
        var expiresAt = clock.GetUtcNow().AddHours(request.ExpiresInHours ?? StreamLinkSigner.DefaultHours);
        expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds());
        var links = new List<StreamLink>();
        foreach (var trackId in request.TrackIds!.Distinct())
        {
            // Only the caller's own audio: the key is built from the token's user, so another user's id finds nothing.
            if (await storage.ExistsAsync(ObjectKey.ForAudio(userId, trackId), cancellationToken))
            {
                links.Add(new StreamLink(trackId, signer.Link(userId, trackId, expiresAt)));
            }
        }

        return TypedResults.Ok(new StreamLinks(expiresAt, links));
    }

    /// <summary>
    /// Plays the original, for the token's user or for the user a valid signed link names. A single <c>Range</c> is
    /// answered with 206 and only those bytes are read from the store (the S3 store cannot seek a stream, so ranges are
    /// asked of it directly).
    /// </summary>
    public static async Task Stream(
        Guid trackId, bool? download, bool? tags, string? user, long? exp, string? sig,
        HttpContext context, IObjectStorage storage, StreamLinkSigner signer, CancellationToken cancellationToken)
    {
        string userId;
        if (sig is not null || exp is not null || user is not null)
        {
            var check = signer.Check(user, trackId, exp, sig);
            if (check != StreamLinkCheck.Valid)
            {
                await TypedResults.Problem(check switch
                {
                    StreamLinkCheck.Expired => "This stream link has expired. Ask for a new one (export the playlist again).",
                    StreamLinkCheck.Incomplete => "A stream link needs user, exp and sig, as they were issued.",
                    _ => "This stream link's signature does not match its user, track and expiry: it was altered, or not issued by this platform.",
                }, statusCode: StatusCodes.Status403Forbidden, title: check == StreamLinkCheck.Expired ? "Stream link expired" : "Invalid stream link")
                    .ExecuteAsync(context);
                return;
            }

            userId = user!;
        }
        else if (context.User.GetUserId() is { } tokenUser)
        {
            userId = tokenUser;
        }
        else
        {
            await context.ChallengeAsync();
            return;
        }

        // The key is built from the token's (or the signed link's) user: another user's track id finds nothing.
        var key = ObjectKey.ForAudio(userId, trackId);
        if (await storage.StatAsync(key, cancellationToken) is not { } properties)
        {
            await TypedResults.Problem("No such track.", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
            return;
        }

        if (tags == true)
        {
            await TaggedCopy(trackId, userId, properties, download == true, context, storage, cancellationToken);
            return;
        }

        var response = context.Response;
        var size = properties.Size;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = $"\"{properties.ETag.Trim('"')}\"";
        response.Headers.CacheControl = "private, max-age=3600";
        response.ContentType = properties.ContentType;
        if (download == true)
        {
            response.Headers.ContentDisposition = Attachment(properties.Metadata.GetValueOrDefault(UploadProcessor.FileNameMetadata) ?? $"{trackId}");
        }

        var range = context.Request.GetTypedHeaders().Range;
        if (range is null || range.Unit != "bytes" || range.Ranges.Count != 1)
        {
            response.ContentLength = size;
            await using var whole = await storage.GetAsync(key, cancellationToken);
            await whole.CopyToAsync(response.Body, cancellationToken);
            return;
        }

        var requested = range.Ranges.First();
        long from, to;
        if (requested.From is { } start)
        {
            from = start;
            to = Math.Min(requested.To ?? size - 1, size - 1);
        }
        else
        {
            from = Math.Max(0, size - (requested.To ?? 0));
            to = size - 1;
        }

        if (from >= size || from > to)
        {
            response.Headers.ContentRange = $"bytes */{size}";
            await TypedResults.Problem($"The range is outside the {size} bytes of this track.",
                statusCode: StatusCodes.Status416RangeNotSatisfiable).ExecuteAsync(context);
            return;
        }

        response.StatusCode = StatusCodes.Status206PartialContent;
        response.Headers.ContentRange = $"bytes {from}-{to}/{size}";
        response.ContentLength = to - from + 1;
        await using var part = await storage.GetRangeAsync(key, from, to - from + 1, cancellationToken);
        await part.CopyToAsync(response.Body, cancellationToken);
    }

    /// <summary>A copy of the original with the analysis in its tags, deleted once sent.</summary>
    private static async Task TaggedCopy(
        Guid trackId, string userId, ObjectProperties properties, bool download, HttpContext context, IObjectStorage storage, CancellationToken cancellationToken)
    {
        if (await FileTagValues.LoadAsync(storage, userId, trackId, cancellationToken) is not { } values)
        {
            await TypedResults.Problem(
                "The track's analysis has not completed, so there is nothing to write into its tags yet. Download it without tags, or again once it is analysed.",
                statusCode: StatusCodes.Status409Conflict).ExecuteAsync(context);
            return;
        }

        string copy;
        try
        {
            copy = await context.RequestServices.GetRequiredService<TaggedCopies>().CreateAsync(properties, values, cancellationToken);
        }
        catch (Exception exception) when (exception is TagLib.CorruptFileException or TagLib.UnsupportedFormatException)
        {
            await TypedResults.Problem(
                "This file's own tag structure could not be read, so the analysis cannot be written into it. Download it without tags.",
                statusCode: StatusCodes.Status422UnprocessableEntity).ExecuteAsync(context);
            return;
        }

        try
        {
            var response = context.Response;
            response.ContentType = properties.ContentType;
            response.Headers.CacheControl = "private, no-store";
            if (download)
            {
                response.Headers.ContentDisposition = Attachment(properties.Metadata.GetValueOrDefault(UploadProcessor.FileNameMetadata) ?? $"{trackId}");
            }

            response.ContentLength = new FileInfo(copy).Length;
            await response.SendFileAsync(copy, cancellationToken);
        }
        finally
        {
            File.Delete(copy);
        }
    }
}

/// <summary>The tracks to link and for how long (1 to 168 hours, 24 by default).</summary>
public sealed record StreamLinksRequest(IReadOnlyList<Guid>? TrackIds, int? ExpiresInHours)
{
    public const int MaxTracks = 1000;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (TrackIds is null || TrackIds.Count is 0 or > MaxTracks)
        {
            errors["trackIds"] = [$"Give 1 to {MaxTracks} track ids."];
        }

        if (ExpiresInHours is < 1 or > StreamLinkSigner.MaxHours)
        {
            errors["expiresInHours"] = [$"expiresInHours is 1 to {StreamLinkSigner.MaxHours}."];
        }

        return errors;
    }
}

/// <summary>A signed link: a path on the platform's public origin that streams the track without a token until it expires.</summary>
public sealed record StreamLink(Guid TrackId, string Url);

/// <summary>The links made by one request, all expiring at the same instant.</summary>
public sealed record StreamLinks(DateTimeOffset ExpiresAt, IReadOnlyList<StreamLink> Links);

/// <summary>
/// The upload's form as the API reference shows it: one or more parts named <c>file</c>. Only a description, since
/// the handler streams the body itself rather than binding it.
/// </summary>
public sealed record UploadForm(IFormFileCollection File);
