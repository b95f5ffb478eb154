using System.Text;
using System.Text.Json;
using AudioPlatform.AudioTags;
using AudioPlatform.Storage;

namespace AudioPlatform.Ingest.Model;

/// <summary>
/// The analysis values a download writes into the file's own tags. Ingest owns the files and the Library the analysis,
/// so Ingest keeps its own copy of the few values it needs, taken from <c>AnalysisCompleted</c> (a message, never a call
/// to the Library), beside the audio in the object store.
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

    /// <summary>The values remembered for the track, or null before its analysis has completed.</summary>
    public static async Task<TrackTags?> LoadAsync(IObjectStorage storage, string userId, Guid trackId, CancellationToken cancellationToken)
    {
        var key = ObjectKey.ForFileTags(userId, trackId);
        if (!await storage.ExistsAsync(key, cancellationToken)) return null;
        await using var content = await storage.GetAsync(key, cancellationToken);
        return await JsonSerializer.DeserializeAsync<TrackTags>(content, JsonSerializerOptions.Web, cancellationToken);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static List<string> Names(JsonElement root, string name) =>
        root.TryGetProperty(name, out var labels) && labels.ValueKind == JsonValueKind.Array
            ? labels.EnumerateArray().Select(label => Text(label, "name")).OfType<string>().ToList()
            : [];
}
