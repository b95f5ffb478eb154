using System.Security.Claims;
using AudioPlatform.Library.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AudioPlatform.Library.Apis;

/// <summary>
/// The library as a whole, computed on the server so the Dashboard and Gallery read one small answer instead of every
/// track: statistics and facets, and the similarity map. Under <c>/api/v1/library</c>, which the Gateway forwards here.
/// </summary>
public static class LibraryApi
{
    public static RouteGroupBuilder MapLibraryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/library").WithTags("Library").RequireAuthorization();

        api.MapGet("/stats", Statistics).WithName("LibraryStatistics")
            .WithSummary("Counts by status, tempo histogram, key wheel, loudness, energy, danceability and valence spreads, genre and mood counts.")
            .WithDescription("""
                Takes the same filter as `GET /api/v1/audio` (`q`, `genre`, `mood`, `instrument`, `key`, `camelot`, `bpmMin`/`bpmMax`,
                `energyMin`/`energyMax`, `status`). Charts cover the analysed tracks among the matches; counts and sizes cover all of them.
                Tempo bins are 10 BPM from 60 to 200 (values beyond count at the edges); loudness bins 1 LU from −30 to −4 LUFS, silence left out.
                Genres and moods count each track's most confident label.
                """)
            .ProducesValidationProblem();
        api.MapGet("/map", Map).WithName("LibraryMap")
            .WithSummary("The similarity map: each analysed track's place in two dimensions (0..1), nearby tracks sounding alike.")
            .WithDescription($"""
                The first two principal components of the similarity embeddings of the tracks the filter matches, over the
                embeddings of the newest analysis's model version only. `limit` 1 to {SimilarityMap.MaxPoints} ({SimilarityMap.DefaultPoints}
                by default) places the newest tracks; `truncated` says when there were more.
                """)
            .ProducesValidationProblem();
        return api;
    }

    public static async Task<Results<Ok<LibraryStatistics>, ValidationProblem>> Statistics(
        [AsParameters] TrackFilter filter, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken)
    {
        if (filter.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var matches = await tracks.ListMatchingAsync(user.GetUserId()!, filter, TrackView.Statistics, cancellationToken);
        return TypedResults.Ok(LibraryStatistics.Compute(matches));
    }

    public static async Task<Results<Ok<SimilarityMapResult>, ValidationProblem>> Map(
        [AsParameters] TrackFilter filter, int? limit, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken)
    {
        var errors = filter.Validate();
        if (limit is < 1 or > SimilarityMap.MaxPoints)
        {
            errors["limit"] = [$"limit is 1 to {SimilarityMap.MaxPoints}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var matches = await tracks.ListMatchingAsync(user.GetUserId()!, filter, TrackView.Map, cancellationToken);
        return TypedResults.Ok(SimilarityMap.Build(matches, limit ?? SimilarityMap.DefaultPoints));
    }
}
