using System.Security.Claims;
using AudioPlatform.Library.Model;
using AudioPlatform.Mixing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AudioPlatform.Library.Apis;

/// <summary>
/// The body of <c>PUT /api/v1/audio/{trackId}/corrections</c>: each value given replaces the analysis's (and any earlier
/// correction); a value left out (or null) stays as it is. Clearing is <c>DELETE</c>.
/// </summary>
/// <param name="TempoBpm">20 to 300.</param>
/// <param name="Key">A key: "A minor", "F# major", "Bbm", "C", or a Camelot code such as "8A".</param>
/// <param name="TimeSignature">2/4, 3/4, 4/4, 5/4, 6/8, 7/8, 9/8 or 12/8.</param>
/// <param name="Genre">One genre, e.g. drum-and-bass (lower-cased; at most 40 characters).</param>
/// <param name="Mood">One mood, e.g. dark.</param>
/// <param name="Instruments">The instruments heard (1 to 12 names); replaces the analysis's list.</param>
public sealed record CorrectionRequest(
    double? TempoBpm = null, string? Key = null, string? TimeSignature = null, string? Genre = null, string? Mood = null,
    IReadOnlyList<string>? Instruments = null)
{
    /// <summary>Each invalid value, keyed by its field's name; an empty request is one error too (nothing to set).</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (TempoBpm is { } tempo && !(tempo is >= CorrectionLimits.MinTempoBpm and <= CorrectionLimits.MaxTempoBpm))
        {
            errors["tempoBpm"] = [$"A tempo is {CorrectionLimits.MinTempoBpm} to {CorrectionLimits.MaxTempoBpm} BPM."];
        }

        if (Key is not null && !KeyName.TryParse(Key, out _, out _))
        {
            errors["key"] = ["Name a major or minor key, e.g. \"A minor\", \"F# major\", \"Bbm\", or a Camelot code such as \"8A\"."];
        }

        if (TimeSignature is not null && !CorrectionLimits.TimeSignatures.Contains(TimeSignature.Trim()))
        {
            errors["timeSignature"] = [$"Use one of {string.Join(", ", CorrectionLimits.TimeSignatures)}."];
        }

        foreach (var (name, label) in new[] { ("genre", Genre), ("mood", Mood) })
        {
            if (label is not null && !IsLabel(label))
            {
                errors[name] = [$"A {name} is 1 to {CorrectionLimits.MaxLabelLength} characters."];
            }
        }

        if (Instruments is not null && (Instruments.Count is 0 or > CorrectionLimits.MaxInstruments || !Instruments.All(IsLabel)))
        {
            errors["instruments"] = [$"Name 1 to {CorrectionLimits.MaxInstruments} instruments, each 1 to {CorrectionLimits.MaxLabelLength} characters."];
        }

        if (errors.Count == 0 && TempoBpm is null && Key is null && TimeSignature is null && Genre is null && Mood is null && Instruments is null)
        {
            errors[""] = [$"Give at least one of {string.Join(", ", CorrectionRules.FieldNames)}; clear one with DELETE."];
        }

        return errors;
    }

    public CorrectionValues ToValues() => new(TempoBpm, Key, TimeSignature?.Trim(), Genre, Mood, Instruments);

    private static bool IsLabel(string? label) => label?.Trim() is { Length: > 0 and <= CorrectionLimits.MaxLabelLength };
}

public static class CorrectionsApi
{
    public static RouteGroupBuilder MapCorrectionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audio/{trackId}/corrections").WithTags("Library").RequireAuthorization();

        api.MapPut("", Put).WithName("CorrectTrack")
            .WithSummary("Sets the owner's values for tempo, key, time signature, genre, mood or instruments; they win over the analysis everywhere.")
            .WithDescription("""
                Each value given replaces the analysis's (and any earlier correction); values left out stay as they are.
                `tempoBpm` 20 to 300 (for ×2 or ½ send the doubled or halved value); `key` such as `A minor`, `F#m` or `8A`
                (its mode and Camelot code follow); `timeSignature` 2/4, 3/4, 4/4, 5/4, 6/8, 7/8, 9/8 or 12/8;
                `genre` and `mood` one name each and `instruments` a list, lower-cased.
                200 with the track: `analysis` holds the effective values, and `corrections` says which are the owner's
                (`source`: `user`, or `preference` for a tempo derived from the owner's earlier ×2/½ corrections), when they were
                set, and what the analysis said (`analysisValue`). Corrections survive a re-analysis; tagged downloads carry them.
                400 validation problem naming each invalid field; 404 for a track that is not the user's; 409 before the track is analysed.
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("", ClearAll).WithName("ClearTrackCorrections")
            .WithSummary("Clears every corrected value: the analysis's values stand again.")
            .WithDescription("200 with the track. 404 for a track that is not the user's; 409 before the track is analysed.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/{field}", Clear).WithName("ClearTrackCorrection")
            .WithSummary("Clears one corrected value (tempoBpm, key, timeSignature, genre, mood or instruments): the analysis's value stands again.")
            .WithDescription("200 with the track. 400 for an unknown field; 404 for a track that is not the user's; 409 before the track is analysed.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<TrackDto>, ValidationProblem, ProblemHttpResult>> Put(
        Guid trackId, CorrectionRequest request, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken) =>
        request.Validate() is { Count: > 0 } errors
            ? TypedResults.ValidationProblem(errors)
            : await ChangeAsync(trackId, new CorrectionChange(request.ToValues(), []), user, tracks, cancellationToken);

    public static Task<Results<Ok<TrackDto>, ValidationProblem, ProblemHttpResult>> ClearAll(
        Guid trackId, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken) =>
        ChangeAsync(trackId, new CorrectionChange(new CorrectionValues(), CorrectionRules.FieldNames), user, tracks, cancellationToken);

    public static async Task<Results<Ok<TrackDto>, ValidationProblem, ProblemHttpResult>> Clear(
        Guid trackId, string field, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken) =>
        CorrectionRules.FieldNames.FirstOrDefault(name => name.Equals(field, StringComparison.OrdinalIgnoreCase)) is { } known
            ? await ChangeAsync(trackId, new CorrectionChange(new CorrectionValues(), [known]), user, tracks, cancellationToken)
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["field"] = [$"Clear one of {string.Join(", ", CorrectionRules.FieldNames)}."] });

    private static async Task<Results<Ok<TrackDto>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid trackId, CorrectionChange change, ClaimsPrincipal user, ITrackRepository tracks, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId()!;
        var outcome = await tracks.CorrectAsync(userId, trackId, change, DateTimeOffset.UtcNow, cancellationToken);
        if (outcome == TransitionOutcome.NotFound || await tracks.GetAsync(userId, trackId, cancellationToken) is not { } track)
        {
            return TypedResults.Problem("No such track.", statusCode: StatusCodes.Status404NotFound);
        }

        if (outcome == TransitionOutcome.Ignored)
        {
            return TypedResults.Problem("The track is not analysed yet: there is nothing to correct.", statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Ok(await TracksApi.DetailAsync(track, tracks, cancellationToken));
    }
}
