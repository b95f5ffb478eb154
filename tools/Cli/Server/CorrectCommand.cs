using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace AudioPlatform.Cli.Server;

/// <summary>How <c>correct</c> changes the tempo: to a value, or an octave from the track's tempo as it now reads.</summary>
internal enum TempoChange
{
    None,
    Set,
    Double,
    Half,
}

/// <summary>
/// The words of <c>audioplatform correct</c>: the values to set (null ones stay as they are) and the fields to clear, named
/// as the API names them (<c>tempoBpm</c>, <c>key</c>, <c>timeSignature</c>, <c>genre</c>, <c>mood</c>, <c>instruments</c>).
/// </summary>
internal sealed record CorrectArguments(
    string? Server, Guid TrackId, TempoChange Tempo, double? TempoBpm, string? Key, string? Meter, string? Genre, string? Mood,
    IReadOnlyList<string>? Instruments, IReadOnlyList<string> Clear, bool Json)
{
    /// <summary>The names <c>--clear</c> takes, and the API's field each one clears.</summary>
    public static IReadOnlyDictionary<string, string> ClearNames { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["tempo"] = "tempoBpm", ["key"] = "key", ["meter"] = "timeSignature", ["genre"] = "genre", ["mood"] = "mood", ["instruments"] = "instruments",
    };

    public bool SetsSomething => Tempo != TempoChange.None || Key is not null || Meter is not null || Genre is not null || Mood is not null || Instruments is not null;

    /// <summary>
    /// The body of <c>PUT /api/v1/audio/{id}/corrections</c>, with the tempo worked out from <paramref name="currentTempoBpm"/>
    /// (the track's tempo as it reads now, the owner's if they corrected it) for <c>--double</c> and <c>--half</c>.
    /// </summary>
    public Dictionary<string, object> Body(double? currentTempoBpm)
    {
        var body = new Dictionary<string, object>();
        if (Tempo != TempoChange.None)
        {
            body["tempoBpm"] = Tempo switch
            {
                TempoChange.Set => TempoBpm!.Value,
                _ when currentTempoBpm is not > 0 => throw new CliFailure(ExitCodes.SomeFailed, "The track has no tempo to double or halve: give one with --tempo."),
                TempoChange.Double => Math.Round(currentTempoBpm.Value * 2, 2),
                _ => Math.Round(currentTempoBpm.Value / 2, 2),
            };
        }

        void Add(string name, object? value)
        {
            if (value is not null) body[name] = value;
        }

        Add("key", Key);
        Add("timeSignature", Meter);
        Add("genre", Genre);
        Add("mood", Mood);
        Add("instruments", Instruments);
        return body;
    }
}

/// <summary>
/// <c>audioplatform correct</c>: sets the owner's values over the analysis's (<c>PUT /api/v1/audio/{id}/corrections</c>),
/// clears them (<c>DELETE …/corrections/{field}</c>), then prints the track as it now reads and which values are the owner's.
/// </summary>
internal static class CorrectCommand
{
    public static async Task<int> RunAsync(CorrectArguments arguments, CredentialStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, store);
        var path = $"api/v1/audio/{arguments.TrackId}";
        JsonElement? track = null;
        if (arguments.SetsSomething)
        {
            double? current = null;
            if (arguments.Tempo is TempoChange.Double or TempoChange.Half)
            {
                var before = await api.GetJsonAsync(path, ct).ConfigureAwait(false);
                current = before.TryGetProperty("analysis", out var a) && a.ValueKind == JsonValueKind.Object
                    && a.TryGetProperty("tempoBpm", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null;
            }

            var body = arguments.Body(current);
            track = await SendAsync(api, () => new HttpRequestMessage(HttpMethod.Put, $"{path}/corrections") { Content = JsonContent.Create(body) }, ct).ConfigureAwait(false);
        }

        foreach (var field in arguments.Clear)
            track = await SendAsync(api, () => new HttpRequestMessage(HttpMethod.Delete, $"{path}/corrections/{field}"), ct).ConfigureAwait(false);

        var after = track ?? await api.GetJsonAsync(path, ct).ConfigureAwait(false);
        var result = TrackOutput.ToResult(after.GetProperty("fileName").GetString() ?? "", after);
        if (arguments.Json)
        {
            TrackOutput.WriteJsonLine(stdout, result);
        }
        else
        {
            TrackOutput.WriteTable(stdout, [result], r => r.Title ?? r.File);
            WriteCorrections(stdout, after);
            WriteLearnedLabels(stdout, after);
        }
        return ExitCodes.Ok;
    }

    private static async Task<JsonElement> SendAsync(PlatformApi api, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        using var response = await api.SendAsync(build, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await PlatformApi.ProblemAsync(response, ct).ConfigureAwait(false);
        return await PlatformApi.ReadJsonAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>One line per value the owner set: "yours: tempoBpm 170 (analysis: 85)"; "your preference" for a derived tempo.</summary>
    public static void WriteCorrections(TextWriter output, JsonElement track)
    {
        if (!track.TryGetProperty("corrections", out var corrections) || corrections.ValueKind != JsonValueKind.Object)
        {
            output.WriteLine("No corrections: every value is the analysis's.");
            return;
        }

        foreach (var field in corrections.EnumerateObject().Where(field => field.Value.ValueKind == JsonValueKind.Object))
        {
            var whose = field.Value.GetProperty("source").GetString() == "preference" ? "your preference" : "yours";
            output.WriteLine($"{whose}: {field.Name} {Show(field.Value.GetProperty("value"))} (analysis: {Show(field.Value.GetProperty("analysisValue"))})");
        }
    }

    /// <summary>
    /// One line per facet the owner's corrections of their other tracks teach (<c>learnedLabels</c>):
    /// "learned genre: techno (72 %, else ambient) · based on 6 of your tracks", or "not sure (why)"; nothing for a value
    /// the owner set on this track, nor before they gave two different labels.
    /// </summary>
    public static void WriteLearnedLabels(TextWriter output, JsonElement track)
    {
        if (!track.TryGetProperty("learnedLabels", out var learned) || learned.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var facet in learned.EnumerateObject().Where(facet => facet.Value.ValueKind == JsonValueKind.Object))
        {
            var label = facet.Value;
            if (label.TryGetProperty("corrected", out var corrected) && corrected.GetBoolean())
            {
                continue;
            }

            var what = label.GetProperty("name").GetString() is { } name
                ? string.Create(CultureInfo.InvariantCulture, $"{name} ({label.GetProperty("confidence").GetDouble():P0}")
                  + (label.TryGetProperty("runnerUp", out var runnerUp) && runnerUp.GetString() is { } other ? $", else {other})" : ")")
                : $"not sure ({label.GetProperty("notSure").GetString()})";
            output.WriteLine($"learned {facet.Name}: {what} · based on {label.GetProperty("basedOn").GetInt32()} of your tracks");
        }
    }

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble().ToString("0.##", CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Object ? item.GetProperty("name").GetString() : item.GetString())),
        _ => "none",
    };
}
