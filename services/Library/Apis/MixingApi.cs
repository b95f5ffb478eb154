using System.Security.Claims;
using System.Text.Json;
using AudioPlatform.Library.Model;
using AudioPlatform.Mixing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AudioPlatform.Library.Apis;

/// <summary>A track that can follow another: the key move (same, adjacent, relative, energyBoost), the tempo match and the words.</summary>
/// <param name="TempoFactor">1; 2 when the track is at half time (its tempo doubled meets the current one); 0.5 at double time.</param>
/// <param name="TempoChangePercent">How much faster (positive) or slower it is after the factor: the pitch-fader move that matches them.</param>
/// <param name="EnergyChange">Its energy minus the current track's (0..1 scale); null when either is unknown.</param>
public sealed record NextTrackDto(TrackSummaryDto Track, string KeyTransition, double TempoFactor, double TempoChangePercent, double? EnergyChange, string Reason);

public sealed record NextTracksDto(Guid TrackId, IReadOnlyList<NextTrackDto> Items);

/// <summary>How one step of a set follows the one before: the key move (or null when a key is unknown), whether it is compatible, the words and the cost.</summary>
public sealed record SetTransitionDto(string? KeyTransition, bool Compatible, string Reason, double Cost);

/// <param name="TargetEnergy">The energy the shape wanted at this place; null without a shape or known energies.</param>
/// <param name="Transition">How it follows the step before; null for the first.</param>
public sealed record SetStepDto(TrackSummaryDto Track, double? TargetEnergy, SetTransitionDto? Transition);

public sealed record SetPlanDto(IReadOnlyList<SetStepDto> Steps, int CompatibleTransitions, int Transitions);

/// <summary>The body of <c>POST /api/v1/library/sets</c>.</summary>
/// <param name="TrackIds">2 to 300 of the user's tracks, each once.</param>
/// <param name="Shape">arc (the default), rising, falling or none.</param>
/// <param name="Tolerance">Tempo tolerance in percent, 0.5 to 20 (6 by default).</param>
/// <param name="HalfDouble">Count half and double time as a tempo match (true by default).</param>
public sealed record OrderSetRequest(IReadOnlyList<Guid>? TrackIds, string? Shape, double? Tolerance, bool? HalfDouble)
{
    public const int MinTracks = 2;

    /// <summary>The shape asked for (arc when none); null when it names none.</summary>
    public EnergyShape? ParsedShape() => MixingApi.ParseName<EnergyShape>(Shape ?? nameof(EnergyShape.Arc));

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (TrackIds is not { Count: >= MinTracks and <= SetOrderer.MaxTracks })
        {
            errors["trackIds"] = [$"A set orders {MinTracks} to {SetOrderer.MaxTracks} tracks."];
        }
        else if (TrackIds.Distinct().Count() != TrackIds.Count)
        {
            errors["trackIds"] = ["Each track appears in a set once."];
        }

        if (ParsedShape() is null)
        {
            errors["shape"] = ["Use arc, rising, falling or none."];
        }

        MixingApi.ValidateTolerance(Tolerance, errors);
        return errors;
    }
}

/// <param name="Similarity">Mean cosine of the embeddings to the seed, −1..1.</param>
public sealed record MixItemDto(TrackSummaryDto Track, double Similarity);

public sealed record InstantMixDto(Guid TrackId, IReadOnlyList<MixItemDto> Items);

/// <param name="Progress">How far from A (0) towards B (1) the track lies.</param>
public sealed record PathStepDto(TrackSummaryDto Track, double Progress);

public sealed record TrackPathDto(IReadOnlyList<PathStepDto> Steps);

/// <summary>
/// What DJs and producers do with the analysis: which track can follow this one (Camelot keys, tempo, energy), a
/// selection ordered into a set, an instant mix and a path between two tracks (similarity embeddings). The rules are
/// the Mixing library's; this file only loads the user's tracks and shapes the answers.
/// </summary>
public static class MixingApi
{
    public const double MinTolerance = 0.5;
    public const double MaxTolerance = 20;
    public const int MaxNextLimit = 100;
    public const int MaxMixCount = 100;

    public static IEndpointRouteBuilder MapMixingApi(this IEndpointRouteBuilder app)
    {
        var audio = app.MapGroup("/api/v1/audio").WithTags("Mixing").RequireAuthorization();
        audio.MapGet("/{trackId}/next", Next).WithName("NextTracks")
            .WithSummary("The user's tracks that can follow this one: compatible Camelot key, tempo within the tolerance, energy in the wanted direction; best first.")
            .WithDescription($"""
                Keys: the same, ±1 on the wheel or the relative major/minor (and +2, the energy boost, with `energyBoost=true`).
                `tolerance` is the tempo tolerance in percent, {MinTolerance} to {MaxTolerance} (6 by default), counting half and double time unless `halfDouble=false`;
                `direction` any (default), up, steady or down; `limit` 1 to {MaxNextLimit} (20 by default).
                Each item says why, e.g. "8A → 9A, +1.8 % tempo, energy up". 409 when the track has no key or no tempo.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        audio.MapGet("/{trackId}/mix", Mix).WithName("InstantMix")
            .WithSummary("An instant mix: tracks that sound like this one (similarity embeddings of the same model), diverse rather than near-duplicates.")
            .WithDescription($"""
                `count` 1 to {MaxMixCount} (20 by default); `diversity` 0 (the nearest tracks) to 1 (each pick also keeps away from those picked), 0.3 by default.
                Copies of the seed (the same recording in another file) are left out. 409 while the track has no embedding.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var library = app.MapGroup("/api/v1/library").WithTags("Mixing").RequireAuthorization();
        library.MapPost("/sets", OrderSet).WithName("OrderSet")
            .WithSummary("Orders a selection into a set: compatible transitions where the keys and tempos allow, the energy following a shape.")
            .WithDescription($$"""
                Body: `{ "trackIds": [...], "shape": "arc", "tolerance": 6, "halfDouble": true }`; {{OrderSetRequest.MinTracks}} to {{SetOrderer.MaxTracks}} of the user's tracks.
                Shapes: arc (warm-up, a peak at about 70 %, a cool-down), rising, falling, none. Each step after the first says how it follows the one before.
                Ids that are not the user's tracks are a 400 naming them.
                """)
            .ProducesValidationProblem();
        library.MapGet("/path", PathBetween).WithName("TrackPath")
            .WithSummary("A path from one track to another: tracks that move gradually from A to B (similarity embeddings), never turning back.")
            .WithDescription($"`from` and `to` are track ids; `steps` 1 to {TrackPath.MaxSteps} (8 by default) tracks between them, fewer when the library has none further along. 409 when either end has no embedding, or their embeddings are of different models.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Ok<NextTracksDto>, ValidationProblem, ProblemHttpResult>> Next(
        Guid trackId, double? tolerance, string? direction, bool? energyBoost, bool? halfDouble, int? limit,
        ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateTolerance(tolerance, errors);
        var wanted = ParseName<EnergyDirection>(direction ?? nameof(EnergyDirection.Any));
        if (wanted is null)
        {
            errors["direction"] = ["Use any, up, steady or down."];
        }

        if (limit is < 1 or > MaxNextLimit)
        {
            errors["limit"] = [$"Ask for 1 to {MaxNextLimit} tracks."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = user.GetUserId()!;
        if (await tracks.GetAsync(userId, trackId, cancellationToken) is not { } track)
        {
            return NoSuchTrack();
        }

        if (MixingLibrary.CannotSuggestNext(track) is { } reason)
        {
            return TypedResults.Problem(reason, statusCode: StatusCodes.Status409Conflict, title: "No key or tempo to mix from");
        }

        var library = (await tracks.ListAnalysedAsync(userId, cancellationToken)).ToDictionary(t => t.Id);
        var options = new NextTrackOptions(tolerance ?? 6, halfDouble ?? true, energyBoost ?? false, wanted!.Value, limit ?? 20);
        var suggestions = NextTrackFinder.Suggest(track.ToMixTrack(), library.Values.Select(t => t.ToMixTrack()), options);
        return TypedResults.Ok(new NextTracksDto(trackId, suggestions.Select(s => new NextTrackDto(
            TracksApi.ToSummaryDto(library[s.Track.Id]), Name(s.Transition.Key!.Value), s.Transition.Tempo!.Factor,
            Math.Round(s.Transition.Tempo.PercentChange, 2), Round(s.Transition.EnergyChange), s.Transition.Reason)).ToList()));
    }

    public static async Task<Results<Ok<SetPlanDto>, ValidationProblem>> OrderSet(
        OrderSetRequest request, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Any of the user's tracks may be in a set (one not analysed has unknown key and tempo, which costs but never clashes).
        var owned = (await tracks.ListMatchingAsync(user.GetUserId()!, new TrackFilter(), TrackView.Summary, cancellationToken)).ToDictionary(t => t.Id);
        if (request.TrackIds!.Where(id => !owned.ContainsKey(id)).ToList() is { Count: > 0 } unknown)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["trackIds"] = [$"No such tracks: {string.Join(", ", unknown)}."],
            });
        }

        var plan = SetOrderer.Order(request.TrackIds!.Select(id => owned[id].ToMixTrack()).ToList(),
            new SetOrderOptions(request.Tolerance ?? 6, request.ParsedShape()!.Value, request.HalfDouble ?? true));
        return TypedResults.Ok(new SetPlanDto(
            plan.Steps.Select(step => new SetStepDto(
                TracksApi.ToSummaryDto(owned[step.Track.Id]), Round(step.TargetEnergy),
                step.FromPrevious is { } t ? new SetTransitionDto(t.Key is { } key ? Name(key) : null, t.Compatible, t.Reason, Math.Round(t.Cost, 4)) : null)).ToList(),
            plan.CompatibleTransitions, plan.Transitions));
    }

    public static async Task<Results<Ok<InstantMixDto>, ValidationProblem, ProblemHttpResult>> Mix(
        Guid trackId, int? count, double? diversity, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (count is < 1 or > MaxMixCount)
        {
            errors["count"] = [$"A mix has 1 to {MaxMixCount} tracks."];
        }

        if (diversity is { } d && !(d is >= 0 and <= 1))
        {
            errors["diversity"] = ["diversity is 0 to 1."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = user.GetUserId()!;
        if (await tracks.GetAsync(userId, trackId, cancellationToken) is not { } seed)
        {
            return NoSuchTrack();
        }

        if (SimilaritySearch.CannotCompare(seed) is { } reason)
        {
            return TypedResults.Problem(reason, statusCode: StatusCodes.Status409Conflict, title: "Nothing to mix from yet");
        }

        var library = (await tracks.ListAnalysedAsync(userId, cancellationToken)).InSameSpaceAs(seed).ToDictionary(t => t.Id);
        var picks = InstantMix.Build([seed.ToMixTrack()], library.Values.Select(t => t.ToMixTrack()), new InstantMixOptions(count ?? 20, diversity ?? 0.3));
        return TypedResults.Ok(new InstantMixDto(trackId, picks.Select(p => new MixItemDto(TracksApi.ToSummaryDto(library[p.Track.Id]), p.Similarity)).ToList()));
    }

    public static async Task<Results<Ok<TrackPathDto>, ValidationProblem, ProblemHttpResult>> PathBetween(
        Guid? from, Guid? to, int? steps, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, id) in new[] { ("from", from), ("to", to) })
        {
            if (id is null || id == Guid.Empty)
            {
                errors[name] = [$"{name} is the id of one of your tracks."];
            }
        }

        if (steps is < 1 or > TrackPath.MaxSteps)
        {
            errors["steps"] = [$"A path has 1 to {TrackPath.MaxSteps} steps between its ends."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = user.GetUserId()!;
        if (await tracks.GetAsync(userId, from!.Value, cancellationToken) is not { } start ||
            await tracks.GetAsync(userId, to!.Value, cancellationToken) is not { } end)
        {
            return NoSuchTrack();
        }

        var reason = SimilaritySearch.CannotCompare(start) is { } a ? $"The start: {a}"
            : SimilaritySearch.CannotCompare(end) is { } b ? $"The end: {b}"
            : !SimilaritySearch.SameSpace(start.Analysis!, end.Analysis!.ModelVersion, end.Analysis.Embedding)
                ? "The two tracks were analysed by different models; re-analyse the older one to find a path between them."
                : null;
        if (reason is not null)
        {
            return TypedResults.Problem(reason, statusCode: StatusCodes.Status409Conflict, title: "No path between these tracks yet");
        }

        var library = (await tracks.ListAnalysedAsync(userId, cancellationToken)).InSameSpaceAs(start).ToDictionary(t => t.Id);
        library[start.Id] = start;
        library[end.Id] = end;
        var path = TrackPath.Between(start.ToMixTrack(), end.ToMixTrack(), library.Values.Select(t => t.ToMixTrack()), steps ?? 8);
        return TypedResults.Ok(new TrackPathDto(path.Select(step => new PathStepDto(TracksApi.ToSummaryDto(library[step.Track.Id]), step.Progress)).ToList()));
    }

    internal static void ValidateTolerance(double? tolerance, Dictionary<string, string[]> errors)
    {
        if (tolerance is { } value && !(value is >= MinTolerance and <= MaxTolerance))
        {
            errors["tolerance"] = [$"The tempo tolerance is {MinTolerance} to {MaxTolerance} percent."];
        }
    }

    /// <summary>An enum value from its name in any case ("energyBoost", "UP"); null for anything else, numbers included.</summary>
    internal static T? ParseName<T>(string name) where T : struct, Enum =>
        Enum.GetValues<T>().Select(value => (T?)value).FirstOrDefault(value => string.Equals(value.ToString(), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The name as the API writes it: camelCase, like every other field ("energyBoost").</summary>
    private static string Name(KeyTransition transition) => JsonNamingPolicy.CamelCase.ConvertName(transition.ToString());

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static ProblemHttpResult NoSuchTrack() => TypedResults.Problem("No such track.", statusCode: StatusCodes.Status404NotFound);
}
