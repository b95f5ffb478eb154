using System.Security.Claims;
using AudioPlatform.Library.Model;
using AudioPlatform.Similarity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AudioPlatform.Library.Apis;

/// <summary>
/// A list row: the track and the analysis fields a row, a card or an export shows (<see cref="AnalysisSummaryDto"/>);
/// <c>GET /api/v1/audio/{id}</c> gives the full analysis.
/// </summary>
/// <remarks>
/// <c>sameRecordingCount</c>: how many of the user's other tracks are the same recording (by audio fingerprint);
/// <c>alreadyInLibrary</c>: one of them was uploaded before this one, so this upload repeats audio the user had.
/// <c>analysis</c> holds the effective values: the owner's where <c>corrections</c> has one (see <c>PUT /api/v1/audio/{trackId}/corrections</c>).
/// <c>learnedLabels</c> (rows of <c>GET /api/v1/audio</c> only; null elsewhere): as on the track's detail, null until the
/// owner labelled tracks with at least two different genres or moods.
/// </remarks>
public sealed record TrackSummaryDto(
    Guid Id, string Title, string? Artist, string? Album, string FileName, string Format, long SizeBytes, string Status, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? AnalyzedAt, AnalysisSummaryDto? Analysis, int SameRecordingCount, bool AlreadyInLibrary,
    TrackCorrections? Corrections, LearnedLabelsDto? LearnedLabels);

/// <summary>
/// One track with its full analysis: every typed field, and the engine's other fields (probe, tempo candidates…) alongside;
/// <c>sameRecordingAs</c> names the user's other tracks that are the same recording, most alike first, and
/// <c>alreadyInLibrary</c> says one of them was uploaded before this one. <c>analysis</c> holds the effective values; <c>corrections</c>
/// says which are the owner's (or their tempo preference's) and what the analysis said instead; null when there are none.
/// <c>learnedLabels</c>: the genre and mood the owner's own corrections of their other tracks suggest (see <see cref="LearnedLabelsDto"/>);
/// null until they labelled tracks with at least two different genres or moods.
/// </summary>
public sealed record TrackDto(
    Guid Id, string Title, string? Artist, string? Album, string FileName, string Format, long SizeBytes, string Status, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? AnalyzedAt, TrackAnalysis? Analysis, IReadOnlyList<SameRecordingDto> SameRecordingAs, bool AlreadyInLibrary,
    TrackCorrections? Corrections, LearnedLabelsDto? LearnedLabels);

/// <summary>Another of the user's tracks that is the same recording: the share of equal fingerprint bits (0.8..1).</summary>
public sealed record SameRecordingDto(Guid Id, string Title, string FileName, string Format, double Similarity, DateTimeOffset CreatedAt);

/// <summary>
/// What a list row shows of an analysis. Labels are <c>{ name, confidence }</c>, best first; <c>topGenre</c> and
/// <c>topMood</c> are the most confident names (null when the models claim none: <c>labelsUnknownReason</c> says why).
/// </summary>
public sealed record AnalysisSummaryDto(
    double? DurationSeconds, double? TempoBpm, double? TempoConfidence, double? TempoAlternativeBpm, bool TempoAmbiguous, string? TempoMissingReason,
    string? TimeSignature, string? Key, double? KeyConfidence, string? Camelot, string? KeyMissingReason,
    double? LoudnessLufs, double? Energy, double? Danceability, double? Valence,
    IReadOnlyList<LabelScore> Genres, IReadOnlyList<LabelScore> Moods, IReadOnlyList<LabelScore> Instruments, string? TopGenre, string? TopMood,
    IReadOnlyList<string> Tags, string? Description, string? LabelsUnknownReason, string? ModelVersion, string EngineVersion)
{
    public static AnalysisSummaryDto From(TrackAnalysis a) => new(
        a.DurationSeconds, a.TempoBpm, a.TempoConfidence, a.TempoAlternativeBpm, a.TempoAmbiguous, a.TempoMissingReason,
        a.TimeSignature, a.Key, a.KeyConfidence, a.Camelot, a.KeyMissingReason,
        a.LoudnessLufs, a.Energy, a.Danceability, a.Valence,
        a.Genres, a.Moods, a.Instruments, a.TopGenre, a.TopMood,
        a.Tags, a.Description, a.LabelsUnknownReason, a.ModelVersion, a.EngineVersion);
}

/// <summary>The body of <c>POST /api/v1/audio/analyze</c>; a missing or empty id is a 400 naming <c>trackId</c>.</summary>
public sealed record AnalyzeRequest(Guid? TrackId)
{
    public Dictionary<string, string[]> Validate() =>
        TrackId is null || TrackId == Guid.Empty
            ? new() { ["trackId"] = ["The id of the track to analyse again is required."] }
            : [];
}

/// <summary>A neighbour: the track, the cosine of the two embeddings (−1..1) and what the two share, in words.</summary>
public sealed record SimilarTrackDto(TrackSummaryDto Track, double Score, IReadOnlyList<string> Reasons);

public sealed record SimilarTracksDto(Guid TrackId, IReadOnlyList<SimilarTrackDto> Items);

public static class TracksApi
{
    public static RouteGroupBuilder MapTracksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audio").WithTags("Library").RequireAuthorization();

        api.MapGet("", List).WithName("ListTracks")
            .WithSummary("The user's tracks as list rows: search (q), filters, sort (createdAt, tempoBpm, loudnessLufs, title, energy; '-' for descending) and paging.")
            .WithDescription("""
                The filter is the one `/api/v1/library/stats` and `/api/v1/library/map` take:
                `q` searches title, artist, album, file name and whole tags; `genre`, `mood`, `instrument`, `key` (e.g. `A minor`), `camelot` (e.g. `8A`),
                `bpmMin`/`bpmMax`, `energyMin`/`energyMax` and `status` (uploaded, analyzing, analyzed, failed) filter;
                `page` from 1, `pageSize` 1 to 100 (20 by default). Example: `/api/v1/audio?genre=techno&bpmMin=120&sort=-energy`.
                Items are summaries; `GET /api/v1/audio/{trackId}` has the full analysis. Each row's `learnedLabels` is as on the
                track's detail (null until the user labelled tracks with at least two different genres or moods).
                Invalid values are a 400 validation problem naming each field.
                """)
            .ProducesValidationProblem();
        api.MapGet("/{trackId}", Get).WithName("GetTrack").WithSummary("One track with its full analysis.")
            .WithDescription("""
                `status` goes uploaded → analyzing → analyzed (with `analysis`) or failed (with `error`). Another user's track is 404.
                `sameRecordingAs` lists the user's other tracks with the same audio (Chromaprint fingerprint, another file or encoding);
                `alreadyInLibrary` is true when one of them was uploaded first.
                `learnedLabels` is what the user's own genre and mood corrections on their other tracks (same embedding model) say
                about this one: per facet `{ name, confidence, runnerUp, basedOn }`, or `{ notSure, basedOn }` with the reason
                (between two labels, unlike every labelled track); `corrected: true` when the user set this track's value
                themselves. A facet is null until the user gave at least two different labels; `learnedLabels` is null when neither has.
                """)
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

    public static async Task<Results<Ok<PagedList<TrackSummaryDto>>, ValidationProblem>> List(
        [AsParameters] TrackQuery query, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken)
    {
        if (query.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = user.GetUserId()!;
        var page = await tracks.ListAsync(userId, query, cancellationToken);
        // A user who labelled no tracks costs one (indexed) read here; one who did, a dot product per row and labelled track.
        var labelled = await tracks.ListLabelledTracksAsync(userId, cancellationToken);
        var rows = page.Items.Select(track => ToSummaryDto(track, labelled.Count == 0 ? null : LearnedLabels.For(track, labelled))).ToList();
        return TypedResults.Ok(new PagedList<TrackSummaryDto>(rows, page.Page, page.PageSize, page.TotalCount));
    }

    public static async Task<Results<Ok<TrackDto>, ProblemHttpResult>> Get(
        Guid trackId, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken) =>
        await tracks.GetAsync(user.GetUserId()!, trackId, cancellationToken) is { } track
            ? TypedResults.Ok(await DetailAsync(track, tracks, cancellationToken))
            : NoSuchTrack();

    /// <summary>The record and its <c>TrackDeleted</c> change in one write (the track's outbox); the dispatcher publishes it.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid trackId, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken) =>
        await tracks.DeleteAsync(user.GetUserId()!, trackId, cancellationToken) ? TypedResults.NoContent() : NoSuchTrack();

    /// <summary>The move back to analysing and its <c>AnalysisRequested</c> are one write (the track's outbox).</summary>
    public static async Task<Results<Accepted<TrackDto>, ValidationProblem, ProblemHttpResult>> Reanalyze(
        AnalyzeRequest request, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken)
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

        return TypedResults.Accepted($"/api/v1/audio/{track.Id}", await DetailAsync(track, tracks, cancellationToken));
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
        return TypedResults.Ok(new SimilarTracksDto(trackId, matches.Select(m => new SimilarTrackDto(ToSummaryDto(m.Track), m.Score, m.Reasons)).ToList()));
    }

    private static ProblemHttpResult NoSuchTrack() => TypedResults.Problem("No such track.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The track with the other copies of its recording named (each read by its owner's id: a link never reaches another user).</summary>
    public static async Task<TrackDto> DetailAsync(Track track, ITrackRepository tracks, CancellationToken cancellationToken)
    {
        var sameRecordingAs = new List<SameRecordingDto>();
        foreach (var link in track.Analysis?.SameRecordingAs.OrderByDescending(link => link.Similarity) ?? Enumerable.Empty<SameRecordingLink>())
        {
            if (await tracks.GetAsync(track.UserId, link.TrackId, cancellationToken) is { } other)
            {
                sameRecordingAs.Add(new SameRecordingDto(other.Id, other.Title, other.FileName, other.Format, link.Similarity, Utc(other.CreatedAt)));
            }
        }

        var learned = track.Analysis is { Embedding.Length: > 0 }
            ? LearnedLabels.For(track, await tracks.ListLabelledTracksAsync(track.UserId, cancellationToken))
            : null;
        return ToDto(track, sameRecordingAs, learned);
    }

    public static TrackDto ToDto(Track track, IReadOnlyList<SameRecordingDto> sameRecordingAs, LearnedLabelsDto? learnedLabels) => new(
        track.Id, track.Title, track.Artist, track.Album, track.FileName, track.Format, track.SizeBytes,
        StatusName(track.Status), track.Error, Utc(track.CreatedAt), track.AnalyzedAt is { } analyzedAt ? Utc(analyzedAt) : null, track.Analysis,
        sameRecordingAs, SameRecordings.AlreadyInLibrary(track), track.Corrections, learnedLabels);

    public static TrackSummaryDto ToSummaryDto(Track track) => ToSummaryDto(track, learnedLabels: null);

    public static TrackSummaryDto ToSummaryDto(Track track, LearnedLabelsDto? learnedLabels) => new(
        track.Id, track.Title, track.Artist, track.Album, track.FileName, track.Format, track.SizeBytes,
        StatusName(track.Status), track.Error, Utc(track.CreatedAt), track.AnalyzedAt is { } analyzedAt ? Utc(analyzedAt) : null,
        track.Analysis is { } analysis ? AnalysisSummaryDto.From(analysis) : null,
        track.Analysis?.SameRecordingAs.Count ?? 0, SameRecordings.AlreadyInLibrary(track), track.Corrections, learnedLabels);

    private static string StatusName(TrackStatus status) => status.ToString().ToLowerInvariant();

    internal static DateTimeOffset Utc(DateTime time) => new(time, TimeSpan.Zero);
}
