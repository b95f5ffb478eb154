using System.Text;
using System.Text.Json;
using AudioPlatform.AudioTags;
using AudioPlatform.Contracts;
using AudioPlatform.Storage;

namespace AudioPlatform.Ingest.Model;

/// <summary>
/// The analysis values a download writes into the file's own tags. Ingest owns the files and the Library the analysis,
/// so Ingest keeps its own copy of the few values it needs, taken from <c>AnalysisCompleted</c> (a message, never a call
/// to the Library), beside the audio in the object store; and the owner's corrections, taken from <c>TrackCorrected</c>
/// and kept beside them, so a re-analysis replaces the analysis values and never the owner's.
/// </summary>
public static class FileTagValues
{
    /// <summary>The values in an analysis document as the engine and the models write it; missing ones stay null or empty.</summary>
    public static TrackTags FromAnalysis(string analysisJson)
    {
        using var document = JsonDocument.Parse(analysisJson);
        var root = document.RootElement;
        return new TrackTags(
            root.TryGetProperty("tempoBpm", out var tempo) && tempo.ValueKind == JsonValueKind.Number ? tempo.GetDouble() : null,
            Text(root, "key"),
            Text(root, "camelot"),
            Names(root, "genres"),
            Names(root, "moods"));
    }

    public static async Task SaveAsync(IObjectStorage storage, string userId, Guid trackId, TrackTags tags, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(tags, JsonSerializerOptions.Web);
        using var content = new MemoryStream(json);
        await storage.PutAsync(ObjectKey.ForFileTags(userId, trackId), content, new ObjectWrite("application/json", json.Length), cancellationToken);
    }

    /// <summary>
    /// The values remembered for the track with the owner's corrections over them, or null before its analysis has completed.
    /// </summary>
    public static async Task<TrackTags?> LoadAsync(IObjectStorage storage, string userId, Guid trackId, CancellationToken cancellationToken)
    {
        if (await ReadAsync<TrackTags>(storage, ObjectKey.ForFileTags(userId, trackId), cancellationToken) is not { } analysis) return null;
        return await LoadCorrectionsAsync(storage, userId, trackId, cancellationToken) is { } c
            ? new TrackTags(c.TempoBpm ?? analysis.TempoBpm, c.Key ?? analysis.Key, c.Key is null ? analysis.Camelot : c.Camelot,
                c.Genres ?? analysis.Genres, c.Moods ?? analysis.Moods)
            : analysis;
    }

    /// <summary>Keeps the owner's corrections unless newer ones are kept already (events may arrive out of order).</summary>
    public static async Task SaveCorrectionsAsync(IObjectStorage storage, TrackCorrected corrected, CancellationToken cancellationToken)
    {
        var kept = await LoadCorrectionsAsync(storage, corrected.UserId, corrected.TrackId, cancellationToken);
        if (kept is not null && kept.OccurredAt >= corrected.OccurredAt) return;
        var json = JsonSerializer.SerializeToUtf8Bytes(corrected, JsonSerializerOptions.Web);
        using var content = new MemoryStream(json);
        await storage.PutAsync(ObjectKey.ForFileCorrections(corrected.UserId, corrected.TrackId), content, new ObjectWrite("application/json", json.Length), cancellationToken);
    }

    private static Task<TrackCorrected?> LoadCorrectionsAsync(IObjectStorage storage, string userId, Guid trackId, CancellationToken cancellationToken) =>
        ReadAsync<TrackCorrected>(storage, ObjectKey.ForFileCorrections(userId, trackId), cancellationToken);

    private static async Task<T?> ReadAsync<T>(IObjectStorage storage, string key, CancellationToken cancellationToken) where T : class
    {
        if (!await storage.ExistsAsync(key, cancellationToken)) return null;
        await using var content = await storage.GetAsync(key, cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(content, JsonSerializerOptions.Web, cancellationToken);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static List<string> Names(JsonElement root, string name) =>
        root.TryGetProperty(name, out var labels) && labels.ValueKind == JsonValueKind.Array
            ? labels.EnumerateArray().Select(label => Text(label, "name")).OfType<string>().ToList()
            : [];
}
