using System.Text.Json;

namespace AudioPlatform.Cli.Server;

/// <summary>
/// Signed stream links from Ingest (<c>POST /api/v1/audio/stream-links</c>) for an M3U: a media player has no token, so
/// the plain stream address would answer it 401. A link plays its one track until it expires (24 hours by default).
/// </summary>
internal static class StreamLinks
{
    /// <summary>The most ids one request may carry (Ingest's limit).</summary>
    private const int MaxPerRequest = 1000;

    /// <summary>The absolute signed address of each track; a track Ingest gave no link for keeps its plain (token) address.</summary>
    public static async Task<Func<Guid, Uri>> SignAsync(PlatformApi api, IEnumerable<Guid> trackIds, int? expiresInHours, CancellationToken ct)
    {
        var links = new Dictionary<Guid, Uri>();
        foreach (var chunk in trackIds.Distinct().Chunk(MaxPerRequest))
        {
            var answer = await api.SendJsonAsync(HttpMethod.Post, "api/v1/audio/stream-links",
                new Dictionary<string, object?> { ["trackIds"] = chunk, ["expiresInHours"] = expiresInHours }, ct).ConfigureAwait(false);
            foreach (var link in answer!.Value.GetProperty("links").EnumerateArray())
                links[link.GetProperty("trackId").GetGuid()] = api.Address(link.GetProperty("url").GetString()!);
        }
        return id => links.TryGetValue(id, out var signed) ? signed : api.Address($"api/v1/audio/{id}/stream");
    }

    public static Task<Func<Guid, Uri>> SignAsync(PlatformApi api, IEnumerable<JsonElement> tracks, int? expiresInHours, CancellationToken ct) =>
        SignAsync(api, tracks.Select(track => track.GetProperty("id").GetGuid()), expiresInHours, ct);
}
