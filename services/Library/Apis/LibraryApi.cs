using System.Security.Claims;
using System.Text.Json;
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
        api.MapGet("/duplicates", Duplicates).WithName("LibraryDuplicates")
            .WithSummary("Groups of the user's tracks that are the same recording in different files or encodings (by Chromaprint fingerprint).")
            .WithDescription("""
                Each group lists its tracks oldest upload first, with format, size, duration, and the sample rate and bit rate the
                file declares (null when unknown); the group with the newest upload comes first. Only the signed-in user's tracks,
                and only analysed tracks that have a fingerprint.
                """);
        return api;
    }

    public static async Task<Ok<DuplicateGroupsDto>> Duplicates(ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId()!;
        var groups = new List<DuplicateGroupDto>();
        foreach (var group in SameRecordings.Groups(await tracks.ListWithSameRecordingsAsync(userId, cancellationToken)))
        {
            var members = new List<DuplicateTrackDto>();
            foreach (var row in group)
            {
                // The row has no probe (a summary); the sample and bit rates come from the full record, of a few tracks.
                var probe = (await tracks.GetAsync(userId, row.Id, cancellationToken))?.Analysis?.Extras?.GetValueOrDefault("probe");
                members.Add(new DuplicateTrackDto(row.Id, row.Title, row.FileName, row.Format, row.SizeBytes, row.Analysis?.DurationSeconds,
                    ProbeNumber(probe, "sampleRate") is { } rate ? (int)rate : null, ProbeNumber(probe, "bitRate") is { } bits ? (long)bits : null,
                    TracksApi.Utc(row.CreatedAt)));
            }

            groups.Add(new DuplicateGroupDto(members));
        }

        return TypedResults.Ok(new DuplicateGroupsDto(groups));
    }

    private static double? ProbeNumber(JsonElement? probe, string name) =>
        probe is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.GetDouble() > 0
            ? value.GetDouble()
            : null;

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

/// <summary>The user's recordings held more than once.</summary>
public sealed record DuplicateGroupsDto(IReadOnlyList<DuplicateGroupDto> Groups);

/// <summary>The tracks that are one recording, oldest upload first.</summary>
public sealed record DuplicateGroupDto(IReadOnlyList<DuplicateTrackDto> Tracks);

/// <summary>One copy: what tells copies apart (format, size, the rates the file declares) and when it was uploaded.</summary>
public sealed record DuplicateTrackDto(
    Guid Id, string Title, string FileName, string Format, long SizeBytes, double? DurationSeconds, int? SampleRate, long? BitRate, DateTimeOffset CreatedAt);
