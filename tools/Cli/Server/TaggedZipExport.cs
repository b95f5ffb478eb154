namespace AudioPlatform.Cli.Server;

/// <summary>
/// <c>export --format zip</c>: the tracks with their analysis (and the owner's corrections) written into each file's own
/// tags, as zips streamed to disk; the server makes at most 500 tracks a zip, so more go into FILE-2.zip, FILE-3.zip….
/// </summary>
internal static class TaggedZipExport
{
    public const int TracksPerZip = 500;

    public static async Task<IReadOnlyList<string>> WriteAsync(PlatformApi api, IReadOnlyList<Guid> trackIds, string output, CancellationToken ct)
    {
        var written = new List<string>();
        foreach (var (chunk, index) in trackIds.Chunk(TracksPerZip).Select((chunk, index) => (chunk, index)))
        {
            var path = index == 0 ? output : $"{Path.ChangeExtension(output, null)}-{index + 1}{Path.GetExtension(output)}";
            using var response = await api.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/v1/audio/export")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { trackIds = chunk }),
            }, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw await PlatformApi.ProblemAsync(response, ct).ConfigureAwait(false);
            var partial = path + ".part";
            await using (var file = File.Create(partial))
            {
                await response.Content.CopyToAsync(file, ct).ConfigureAwait(false);
            }

            // Only a whole zip takes the name: an interrupted download leaves FILE.part, never a truncated FILE.
            File.Move(partial, path, overwrite: true);
            written.Add(path);
        }

        return written;
    }
}
