using System.Security.Claims;
using System.Text.Json;
using AudioPlatform.Contracts;
using AudioPlatform.Library.Model;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AudioPlatform.Library.Apis;

public sealed record LabelDto(string Label, double Confidence);

public sealed record TrackDto(
    Guid Id, string Title, string? Artist, string FileName, string Format, long SizeBytes, string Status, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? AnalyzedAt, JsonElement? Analysis);

/// <summary>The body of <c>POST /api/v1/audio/analyze</c>; a missing or empty id is a 400 naming <c>trackId</c>.</summary>
public sealed record AnalyzeRequest(Guid? TrackId)
{
    public Dictionary<string, string[]> Validate() =>
        TrackId is null || TrackId == Guid.Empty
            ? new() { ["trackId"] = ["The id of the track to analyse again is required."] }
            : [];
}

/// <summary>A neighbour: the track, the cosine of the two embeddings (−1..1) and what the two share, in words.</summary>
public sealed record SimilarTrackDto(TrackDto Track, double Score, IReadOnlyList<string> Reasons);

public sealed record SimilarTracksDto(Guid TrackId, IReadOnlyList<SimilarTrackDto> Items);

public static class TracksApi
{
    public static RouteGroupBuilder MapTracksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audio").WithTags("Library").RequireAuthorization();

        api.MapGet("", List).WithName("ListTracks")
            .WithSummary("The user's tracks: search (q), filters, sort (createdAt, tempoBpm, loudnessLufs, title, energy; '-' for descending) and paging.")
            .WithDescription("""
                `q` searches title, artist and file name; `genre`, `mood`, `instrument`, `key` (e.g. `A minor`), `camelot` (e.g. `8A`),
                `bpmMin`/`bpmMax`, `energyMin`/`energyMax` and `status` (uploaded, analyzing, analyzed, failed) filter;
                `page` from 1, `pageSize` 1 to 100 (20 by default). Example: `/api/v1/audio?genre=techno&bpmMin=120&sort=-energy`.
                Invalid values are a 400 validation problem naming each field.
                """);
        api.MapGet("/{trackId}", Get).WithName("GetTrack").WithSummary("One track with its full analysis.")
            .WithDescription("`status` goes uploaded → analyzing → analyzed (with `analysis`) or failed (with `error`). Another user's track is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{trackId}", Delete).WithName("DeleteTrack")
            .WithSummary("Deletes the track, its audio and everything derived from it.")
            .WithDescription("204 once deleted. 404 for a track that does not exist, another user's, or one already deleted: one answer for all three, so an id tells nothing about anyone else's library.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{trackId}/similar", Similar).WithName("SimilarTracks")
            .WithSummary("The user's tracks most like this one (cosine of the similarity embeddings), best first, each with its score and the reasons.")
            .WithDescription("`limit` 1 to 50 (10 by default). Reasons read like \"same key family (8A and 9A)\" or \"tempo within 3 %\". 409 while the track has no embedding yet.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/analyze", Reanalyze).WithName("ReanalyzeTrack").WithSummary("Analyses a track again (e.g. after a model update).")
            .WithDescription("Body: `{ \"trackId\": \"...\" }`. 202 with the track; 409 while it is still being uploaded or analysed.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<PagedList<TrackDto>>, ValidationProblem>> List(
        [AsParameters] TrackListParameters parameters, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken)
    {
        if (parameters.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await tracks.ListAsync(user.GetUserId()!, parameters.ToQuery(), cancellationToken);
        return TypedResults.Ok(new PagedList<TrackDto>(page.Items.Select(ToDto).ToList(), page.Page, page.PageSize, page.TotalCount));
    }

    public static async Task<Results<Ok<TrackDto>, ProblemHttpResult>> Get(
        Guid trackId, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken) =>
        await tracks.GetAsync(user.GetUserId()!, trackId, cancellationToken) is { } track
            ? TypedResults.Ok(ToDto(track))
            : NoSuchTrack();

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid trackId, ClaimsPrincipal user, ITrackRepository tracks, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId()!;
        if (await tracks.GetAsync(userId, trackId, cancellationToken) is null)
        {
            return NoSuchTrack();
        }

        // Announced before the record goes: if removing it fails, a retried DELETE announces again.
        await publisher.Publish(new TrackDeleted(trackId) { UserId = userId, CorrelationId = trackId }, cancellationToken);
        await tracks.DeleteAsync(userId, trackId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Accepted<TrackDto>, ValidationProblem, ProblemHttpResult>> Reanalyze(
        AnalyzeRequest request, ClaimsPrincipal user, ITrackRepository tracks, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = user.GetUserId()!;
        var trackId = request.TrackId!.Value;
        var outcome = await tracks.RequestReanalysisAsync(userId, trackId, DateTimeOffset.UtcNow, cancellationToken);
        if (outcome == TransitionOutcome.NotFound || await tracks.GetAsync(userId, trackId, cancellationToken) is not { } track)
        {
            return NoSuchTrack();
        }

        if (outcome == TransitionOutcome.Ignored)
        {
            return TypedResults.Problem("The track is still being uploaded or analysed.", statusCode: StatusCodes.Status409Conflict);
        }

        await publisher.Publish(new AnalysisRequested(track.Id, track.ObjectKey, track.Format)
        {
            UserId = userId,
            CorrelationId = Guid.NewGuid(),
        }, cancellationToken);
        return TypedResults.Accepted($"/api/v1/audio/{track.Id}", ToDto(track));
    }

    public static async Task<Results<Ok<SimilarTracksDto>, ValidationProblem, ProblemHttpResult>> Similar(
        Guid trackId, int? limit, ClaimsPrincipal user, ITrackRepository tracks, SimilaritySearch similarity, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > SimilaritySearch.MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"Ask for 1 to {SimilaritySearch.MaxLimit} tracks."] });
        }

        if (await tracks.GetAsync(user.GetUserId()!, trackId, cancellationToken) is not { } track)
        {
            return NoSuchTrack();
        }

        if (SimilaritySearch.CannotCompare(track) is { } reason)
        {
            return TypedResults.Problem(reason, statusCode: StatusCodes.Status409Conflict, title: "Nothing to compare yet");
        }

        var matches = await similarity.FindAsync(track, limit ?? 10, cancellationToken);
        return TypedResults.Ok(new SimilarTracksDto(trackId, matches.Select(m => new SimilarTrackDto(ToDto(m.Track), m.Score, m.Reasons)).ToList()));
    }

    private static ProblemHttpResult NoSuchTrack() => TypedResults.Problem("No such track.", statusCode: StatusCodes.Status404NotFound);

    public static TrackDto ToDto(Track track) => new(
        track.Id, track.Title, track.Artist, track.FileName, track.Format, track.SizeBytes,
        track.Status.ToString().ToLowerInvariant(), track.Error,
        new DateTimeOffset(track.CreatedAt, TimeSpan.Zero),
        track.AnalyzedAt is { } analyzedAt ? new DateTimeOffset(analyzedAt, TimeSpan.Zero) : null,
        track.Analysis is { } analysis ? AnalysisView(analysis) : null);

    /// <summary>The engine's document plus the labels, tags and description the library keeps beside it.</summary>
    private static JsonElement AnalysisView(TrackAnalysis analysis)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(analysis.Json)!.AsObject();
        node["genres"] = JsonSerializer.SerializeToNode(analysis.Genres.Select(l => new LabelDto(l.Name, l.Confidence)), JsonSerializerOptions.Web);
        node["moods"] = JsonSerializer.SerializeToNode(analysis.Moods.Select(l => new LabelDto(l.Name, l.Confidence)), JsonSerializerOptions.Web);
        node["instruments"] = JsonSerializer.SerializeToNode(analysis.Instruments.Select(l => new LabelDto(l.Name, l.Confidence)), JsonSerializerOptions.Web);
        node["tags"] = JsonSerializer.SerializeToNode(analysis.Tags, JsonSerializerOptions.Web);
        node["description"] = analysis.Description;
        node["engineVersion"] = analysis.EngineVersion;
        return JsonSerializer.SerializeToElement(node, JsonSerializerOptions.Web);
    }
}


public sealed record TrackListParameters(
    string? Q, string? Genre, string? Mood, string? Instrument, string? Key, string? Camelot,
    double? BpmMin, double? BpmMax, double? EnergyMin, double? EnergyMax, string? Status, string? Sort,
    int? Page, int? PageSize)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Status is not null && ParseStatus(Status) is null)
        {
            errors["status"] = ["Use uploaded, analyzing, analyzed or failed."];
        }

        if (!TrackQuery.TryParseSort(Sort, out _))
        {
            errors["sort"] = [$"Sort by {string.Join(", ", TrackQuery.SortNames)}, with '-' in front for descending."];
        }

        if (Page is < 1 or > TrackQuery.MaxPage)
        {
            errors["page"] = [$"page is 1 to {TrackQuery.MaxPage}."];
        }

        if (PageSize is < 1 or > TrackQuery.MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize is 1 to {TrackQuery.MaxPageSize}."];
        }

        foreach (var (name, bound) in new[] { ("bpmMin", BpmMin), ("bpmMax", BpmMax), ("energyMin", EnergyMin), ("energyMax", EnergyMax) })
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

        return errors;
    }

    /// <summary>A status by its name only: <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would also take numbers and lists.</summary>
    private static TrackStatus? ParseStatus(string status) =>
        Enum.GetValues<TrackStatus>().Select(value => (TrackStatus?)value)
            .FirstOrDefault(value => string.Equals(value.ToString(), status, StringComparison.OrdinalIgnoreCase));

    public TrackQuery ToQuery() => new()
    {
        Q = Q, Genre = Genre, Mood = Mood, Instrument = Instrument, Key = Key, Camelot = Camelot,
        BpmMin = BpmMin, BpmMax = BpmMax, EnergyMin = EnergyMin, EnergyMax = EnergyMax,
        Status = Status is null ? null : ParseStatus(Status),
        Sort = Sort, Page = Page ?? 1, PageSize = PageSize ?? 20,
    };
}
