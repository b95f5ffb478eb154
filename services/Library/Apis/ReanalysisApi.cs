using System.Security.Claims;
using AudioPlatform.Library.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AudioPlatform.Library.Apis;

/// <summary>Where the user's newest bulk re-analysis stands.</summary>
public sealed record ReanalysisDto(Guid BatchId, DateTimeOffset RequestedAt, int Total, int Done, int Failed, int Pending, bool Finished)
{
    public static ReanalysisDto From(ReanalysisProgress progress) => new(progress.BatchId, TracksApi.Utc(progress.RequestedAt),
        progress.Total, progress.Done, progress.Failed, progress.Pending, progress.Finished);
}

/// <summary>
/// Re-analysis in bulk, when the engine or the models change: the whole library or a filter's tracks, as background work
/// that never holds up an upload (see <see cref="BulkReanalysis"/>).
/// </summary>
public static class ReanalysisApi
{
    public static RouteGroupBuilder MapReanalysisApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/library/reanalysis").WithTags("Library").RequireAuthorization();

        api.MapPost("", Request).WithName("RequestBulkReanalysis")
            .WithSummary("Analyses every analysed or failed track the filter matches again, in the background; 202 with the batch's progress.")
            .WithDescription("""
                Takes the same filter as `GET /api/v1/audio` in the query string (none: the whole library). Tracks still being
                uploaded or analysed are left out (they get the current engine anyway). The tracks keep their analysis until the
                new one arrives, and the user's corrections always; Analysis takes this work only while no upload waits, so new
                uploads are never held up. Progress arrives on the WebSocket as `reanalysisProgress` ({ batchId, total, done,
                failed }) and from `GET /api/v1/library/reanalysis`. 409 while an earlier batch is still under way; 400 when the
                filter is invalid or matches no analysed track.
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("", Get).WithName("GetBulkReanalysis")
            .WithSummary("The newest bulk re-analysis: total, done, failed and pending tracks; 404 when there never was one.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Accepted<ReanalysisDto>, ValidationProblem, ProblemHttpResult>> Request(
        [AsParameters] TrackFilter filter, ClaimsPrincipal user, ITrackRepository tracks, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (filter.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = user.GetUserId()!;
        if (await tracks.GetReanalysisProgressAsync(userId, cancellationToken) is { Finished: false } running)
        {
            return TypedResults.Problem(
                $"A re-analysis of {running.Total} tracks is under way ({running.Done} done). Start another once it has finished.",
                statusCode: StatusCodes.Status409Conflict, title: "Re-analysis under way");
        }

        var candidates = (await tracks.ListMatchingAsync(userId, filter, TrackView.Summary, cancellationToken))
            .Where(track => track.Status is TrackStatus.Analyzed or TrackStatus.Failed)
            .ToList();
        if (candidates.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["filter"] = ["No analysed or failed track matches: there is nothing to analyse again."],
            });
        }

        var batchId = Guid.NewGuid();
        var requestedAt = clock.GetUtcNow();
        foreach (var track in candidates)
        {
            // Each track and its request to Analysis are one write (the track's outbox): a crash halfway leaves a smaller
            // batch, counted as such, never a track marked whose request is lost.
            await tracks.RequestBulkReanalysisAsync(userId, track.Id, batchId, candidates.Count, requestedAt, cancellationToken);
        }

        var progress = await tracks.GetReanalysisProgressAsync(userId, cancellationToken);
        return TypedResults.Accepted("/api/v1/library/reanalysis", ReanalysisDto.From(progress!));
    }

    public static async Task<Results<Ok<ReanalysisDto>, ProblemHttpResult>> Get(ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken) =>
        await tracks.GetReanalysisProgressAsync(user.GetUserId()!, cancellationToken) is { } progress
            ? TypedResults.Ok(ReanalysisDto.From(progress))
            : TypedResults.Problem("You have not asked for a re-analysis of your library yet.", statusCode: StatusCodes.Status404NotFound);
}
