using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AudioPlatform.Cli.Server;

/// <summary>
/// <c>audioplatform upload</c>: one file per request (so each has its own progress and its own outcome), skipping files
/// whose content was uploaded before, then waiting for the analyses and printing them.
/// </summary>
internal static class UploadCommand
{
    private const int MaxBusyRetries = 5;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly string[] FinalStatuses = ["analyzed", "failed"];

    private sealed class Entry(string path)
    {
        public string Path { get; } = path;
        public string Name => System.IO.Path.GetFileName(Path);
        public long Size { get; set; }
        public JsonElement? Track { get; set; }
        public bool Skipped { get; set; }
        public string? Failure { get; set; }
        public string? FailureReason { get; set; }

        public bool Final => Failure is not null || Track is { } t && FinalStatuses.Contains(t.GetProperty("status").GetString());
    }

    public static async Task<int> RunAsync(UploadArguments arguments, ConfigDirectory config, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        using var api = PlatformApi.Connect(arguments.Server, new CredentialStore(config));
        var entries = CliApp.Expand(arguments.Inputs).Select(path => new Entry(path)).ToList();
        if (entries.Count == 0)
        {
            stderr.WriteLine("No audio files found.");
            return ExitCodes.SomeFailed;
        }
        foreach (var entry in entries)
        {
            if (File.Exists(entry.Path))
                entry.Size = new FileInfo(entry.Path).Length;
            else
                (entry.Failure, entry.FailureReason) = ("No such file.", "NotFound");
        }

        var manifest = new UploadManifest(config);
        using (var progress = UploadProgress.For(stderr, entries.Sum(e => e.Size), entries.Count))
        {
            foreach (var entry in entries)
            {
                if (entry.Failure is not null)
                {
                    progress.Done(0, $"failed   {entry.Path}: {entry.Failure}");
                    continue;
                }
                await UploadOneAsync(api, manifest, entry, progress, ct).ConfigureAwait(false);
            }

            if (!arguments.NoWait)
                await WaitForAnalysesAsync(api, entries, progress, ct).ConfigureAwait(false);
        }

        var results = entries.Select(e => e.Track is { } track
                ? TrackOutput.ToResult(e.Path, track, e.Skipped)
                : CliResult.Failure(e.Path, e.Failure!, e.FailureReason))
            .ToList();
        if (arguments.Json)
        {
            foreach (var result in results)
                TrackOutput.WriteJsonLine(stdout, result);
        }
        else
        {
            TrackOutput.WriteTable(stdout, results, r => Path.GetFileName(r.File));
        }

        var uploaded = entries.Count(e => e.Track is not null && !e.Skipped);
        var skipped = entries.Count(e => e.Skipped);
        var failed = results.Count(r => r.Error is not null);
        stderr.WriteLine($"{uploaded} uploaded, {skipped} skipped (uploaded before), {failed} failed.");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.SomeFailed;
    }

    private static async Task UploadOneAsync(PlatformApi api, UploadManifest manifest, Entry entry, UploadProgress progress, CancellationToken ct)
    {
        var sha256 = await UploadManifest.HashAsync(entry.Path, ct).ConfigureAwait(false);
        if (manifest.Find(api.Server, sha256) is { } earlier)
        {
            if (await FindTrackAsync(api, earlier.TrackId, ct).ConfigureAwait(false) is { } existing)
            {
                entry.Track = existing;
                entry.Skipped = true;
                progress.Done(entry.Size, $"skipped  {entry.Path}: uploaded before as {earlier.TrackId}");
                return;
            }
            // Deleted on the server (or uploaded by another user): upload it again.
            manifest.Forget(api.Server, sha256);
        }

        progress.Start(entry.Name, entry.Size);
        for (var attempt = 1; ; attempt++)
        {
            using var response = await api.SendAsync(() => UploadRequest(entry, progress), ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var created = (await PlatformApi.ReadJsonAsync(response, ct).ConfigureAwait(false))[0];
                var trackId = created.GetProperty("id").GetGuid();
                manifest.Record(api.Server, sha256, new UploadedFile(trackId, Path.GetFullPath(entry.Path), DateTimeOffset.UtcNow));
                entry.Track = created;
                progress.Done(entry.Size, $"uploaded {entry.Path}: track {trackId}");
                return;
            }

            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt <= MaxBusyRetries)
            {
                var wait = RetryAfter(response) ?? TimeSpan.FromSeconds(5 * attempt);
                progress.Line($"busy     {entry.Path}: the server answered {(int)response.StatusCode}; trying again in {wait.TotalSeconds:0} s");
                await Task.Delay(wait, ct).ConfigureAwait(false);
                progress.Start(entry.Name, entry.Size);
                continue;
            }

            var problem = await PlatformApi.ProblemAsync(response, ct).ConfigureAwait(false);
            (entry.Failure, entry.FailureReason) = (problem.Message, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            progress.Done(entry.Size, $"failed   {entry.Path}: {problem.Message}");
            return;
        }
    }

    private static HttpRequestMessage UploadRequest(Entry entry, UploadProgress progress)
    {
        var file = new FileUploadContent(entry.Path, progress.Sent);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "file", entry.Name } };
        return new HttpRequestMessage(HttpMethod.Post, "api/v1/audio/upload") { Content = form };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };

    /// <summary>The track, or null when the server has no such track for this user.</summary>
    private static async Task<JsonElement?> FindTrackAsync(PlatformApi api, Guid trackId, CancellationToken ct)
    {
        using var response = await api.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/v1/audio/{trackId}"), ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        if (!response.IsSuccessStatusCode)
            throw await PlatformApi.ProblemAsync(response, ct).ConfigureAwait(false);
        return await PlatformApi.ReadJsonAsync(response, ct).ConfigureAwait(false);
    }

    /// <summary>Polls each unfinished track until it is analysed or failed; Ctrl+C stops waiting (the analyses go on).</summary>
    private static async Task WaitForAnalysesAsync(PlatformApi api, List<Entry> entries, UploadProgress progress, CancellationToken ct)
    {
        var waiting = entries.Where(e => !e.Final).ToList();
        if (waiting.Count > 0)
            progress.Line($"Waiting for {waiting.Count} analyses…");
        while (waiting.Count > 0)
        {
            foreach (var entry in waiting)
            {
                var trackId = entry.Track!.Value.GetProperty("id").GetGuid();
                if (await FindTrackAsync(api, trackId, ct).ConfigureAwait(false) is not { } track)
                {
                    (entry.Failure, entry.FailureReason) = ("The track was deleted on the server while it was being analysed.", "Deleted");
                    entry.Track = null;
                    progress.Line($"deleted  {entry.Path}");
                    continue;
                }
                entry.Track = track;
                if (entry.Final)
                {
                    var status = track.GetProperty("status").GetString();
                    var error = track.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? $": {e.GetString()}" : "";
                    progress.Line($"{status,-8} {entry.Path}{error}");
                }
            }
            waiting.RemoveAll(e => e.Final);
            if (waiting.Count == 0)
                break;
            var analyzing = waiting.Count(e => e.Track!.Value.GetProperty("status").GetString() == "analyzing");
            progress.Status($"Waiting for analyses: {entries.Count(e => e.Final)}/{entries.Count} done, {analyzing} analysing, {waiting.Count - analyzing} queued");
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }
}

/// <summary>A file sent as it is read, reporting the bytes sent so far; its length is known, so nothing is chunked.</summary>
internal sealed class FileUploadContent(string path, Action<long> sent) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            total += read;
            sent(total);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = new FileInfo(path).Length;
        return true;
    }
}
