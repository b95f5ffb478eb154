using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using AudioPlatform.LoadTest;
using AudioPlatform.PlatformClient;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var parsed = LoadTestOptions.Command(RunAsync).Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine("See 'audioplatform-loadtest --help'.");
    return 2;
}

return await parsed.InvokeAsync();

static async Task<int> RunAsync(LoadTestOptions options, CancellationToken cancellationToken)
{
    var audio = options.Files is { } folder ? await AudioFiles.ReadAsync(folder, options.Tracks) : null;
    var source = audio is null
        ? $"{options.Tracks} × {options.Seconds:0} s {options.Format}"
        : $"{audio.Count} files from {options.Files!.FullName}";
    Console.WriteLine($"Load test against {options.Gateway}: {source}, {options.Concurrency} concurrent clients (one user each)");

    // Distinct audio per track (a tone whose pitch and pulse differ), so no two analyses are the same work.
    audio ??= (await TestSignals.CreateAsync(options.Tracks, options.Seconds, options.Format))
        .Select((content, i) => new AudioFile($"load-{i:000}.{options.Format}", content, options.Seconds)).ToList();
    Console.WriteLine($"  {audio.Count} files ready, {audio.Sum(a => (long)a.Content.Length) / 1e6:F1} MB, {audio.Sum(a => a.Seconds) / 60:F1} minutes of audio");
    if (audio.Count == 0)
    {
        Console.Error.WriteLine("No audio to upload.");
        return 2;
    }

    var clients = new List<LoadClient>();
    for (var c = 0; c < options.Concurrency; c++)
    {
        DeviceFlowAccount account;
        try
        {
            account = await DeviceFlowAccount.SignUpAsync(options.Gateway);
        }
        catch (PlatformClientException e)
        {
            // Each run registers fresh users, and the Gateway limits registrations per address (429 after a few runs).
            Console.Error.WriteLine($"Could not sign up a load-test user: {e.Message}");
            return 1;
        }

        clients.Add(await LoadClient.ConnectAsync(options.Gateway, account));
    }

    var services = ServiceProcesses.Find();
    var parallel = Environment.ProcessorCount;
    using var engine = options.CompareEngine ? await EngineBaseline.CreateAsync(audio, cancellationToken) : null;
    var exitCode = 0;
    var speeds = new List<double>();
    var shares = new List<(int Round, double Share)>();
    for (var round = 1; round <= options.Rounds; round++)
    {
        var last = round == options.Rounds;
        if (options.Rounds > 1)
        {
            Console.WriteLine();
            Console.WriteLine($"Round {round} of {options.Rounds}{(round == 1 ? " (the first after the sign-ups pays the services' JIT for this work)" : "")}");
        }

        var outcome = await RunRoundAsync(options, audio, clients, services, firstRound: round == 1, fullReport: last);
        exitCode = Math.Max(exitCode, outcome.ExitCode);
        speeds.Add(outcome.SpeedPerCore);
        if (!last && !options.KeepTracks)
        {
            // Uploaded again, the same files would be copies of recordings the libraries already hold, and the Library
            // would link each to every earlier copy: work that grows by the round, which a batch of new music never has.
            var deleted = await Task.WhenAll(clients.Select(client => client.DeleteUploadsAsync(cancellationToken)));
            Console.WriteLine($"  deleted this round's {deleted.Sum()} tracks (outside the next round's CPU window)");
        }

        if (engine is not null)
        {
            // Right after the round, on the machine as it is now: a round's CPU moves by 10-15 % with what else runs, so
            // each round is compared with its own engine pass, not with passes made minutes later.
            var settleLimit = TimeSpan.FromSeconds(20);
            var settled = await ServiceProcesses.SettleAsync(services, idleShare: 0.15, limit: settleLimit);
            var pass = await engine.MeasurePassAsync(parallel, cancellationToken);
            var share = outcome.SpeedPerCore / pass.SpeedPerCore;
            // Services still busy (the deletions) would have taken cores from the engine pass and flattered the share.
            var busy = settled >= settleLimit;
            if (!busy)
            {
                shares.Add((round, share));
            }

            Console.WriteLine($"  bare engine on the same files: {pass.SpeedPerCore:F0}× per core ({pass.CpuSeconds:F1} CPU s: {pass.Cpu.Own:F1} + {pass.Cpu.Children:F1} ffmpeg, {parallel} at once); " +
                (busy ? $"the services had not settled after {settleLimit.TotalSeconds:F0} s, so this round's share ({share:P0}) is left out"
                    : $"this round's platform at {share:P0} of it"));
        }
    }

    // The median of the rounds after the first (which pays the services' JIT) is the figure to compare.
    var platformSpeed = Median(speeds.Count > 1 ? speeds.Skip(1) : speeds);
    if (speeds.Count > 2)
    {
        Console.WriteLine($"  platform speed per core, median of rounds 2-{speeds.Count}   {platformSpeed,8:F0}× real time ({string.Join(", ", speeds.Select(v => $"{v:F0}×"))} by round)");
    }

    foreach (var client in clients)
    {
        await client.DisposeAsync();
    }

    if (engine is not null)
    {
        Console.WriteLine();
        Console.WriteLine($"The bare engine on the same {audio.Count} files in this process after each round, {parallel} at once (Analysis:MaxConcurrency's default), " +
            "doing the Analysis service's work (features, fingerprint, waveform, spectrogram, labels):");
        // As for the speed: the rounds after the first, which pays the services' JIT (all of them when there is one).
        var counted = shares.Where(s => s.Round > 1 || options.Rounds == 1).ToList();
        Console.WriteLine($"  platform's share of it, median of {counted.Count} round(s)   {Median(counted.Select(s => s.Share)),8:P0}   " +
            $"(target ≥ 90 %; by round: {string.Join(", ", shares.Select(s => $"{s.Round}: {s.Share:P0}"))})");
    }

    return exitCode;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Where(v => !double.IsNaN(v)).Order().ToList();
    return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

/// <summary>
/// One round: every file uploaded once more (new tracks of the same users) and every analysis waited for; prints the
/// round's figures (all of them for the last round). The round before's tracks are deleted unless --keep-tracks.
/// </summary>
static async Task<(int ExitCode, double SpeedPerCore)> RunRoundAsync(
    LoadTestOptions options, List<AudioFile> audio, List<LoadClient> clients, List<ServiceProcesses.Service> services, bool firstRound, bool fullReport)
{
    foreach (var client in clients)
    {
        client.Uploads.Clear();
    }

    // From here on: the uploads and their analyses, not the sign-ups (password hashing) or the round before, nor what
    // they leave running for a moment after.
    var settled = await ServiceProcesses.SettleAsync(services, idleShare: 0.15, limit: TimeSpan.FromSeconds(20));
    Console.WriteLine($"  services settled {settled.TotalSeconds:F0} s after {(firstRound ? "the sign-ups" : "the round before")}");
    var cpuBefore = ServiceProcesses.CpuByProcess(services);
    var started = DateTime.UtcNow;

    Console.WriteLine(firstRound ? $"  {clients.Count} users signed up, WebSockets open; uploading" : "  uploading");
    var queue = new ConcurrentQueue<int>(Enumerable.Range(0, audio.Count));
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(clients.Select(client => Task.Run(async () =>
    {
        while (queue.TryDequeue(out var index))
        {
            await client.UploadAsync(audio[index].Name, audio[index].Content);
        }
    })));
    var uploadSeconds = wall.Elapsed.TotalSeconds;
    Console.WriteLine($"  uploads done in {uploadSeconds:F1} s; waiting for the analyses");

    using var deadline = new CancellationTokenSource(options.Deadline);
    try
    {
        await Task.WhenAll(clients.Select(client => client.WaitForOutcomesAsync(deadline.Token)));
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine($"  deadline of {options.Deadline.TotalMinutes:0} minutes passed with analyses still pending");
    }

    var totalSeconds = wall.Elapsed.TotalSeconds;
    var uploads = clients.SelectMany(c => c.Uploads).ToList();
    var accepted = uploads.Where(u => u.TrackId is not null).ToList();
    var completed = accepted.Where(u => u.Outcome == "analysisCompleted").ToList();
    var failed = accepted.Where(u => u.Outcome == "analysisFailed").ToList();
    var pending = accepted.Count - completed.Count - failed.Count;
    var latencies = completed.Select(u => (u.OutcomeAt!.Value - u.UploadedAt).TotalSeconds).Order().ToList();
    var uploadTimes = accepted.Select(u => u.UploadSeconds).Order().ToList();
    static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    var platformCpu = ServiceProcesses.CpuSeconds(services) - cpuBefore.Values.Sum(c => c.Total);
    var analysedAudio = audio.Where(a => completed.Any(c => c.Name == a.Name)).Sum(a => a.Seconds);
    var speedPerCore = platformCpu > 0 ? analysedAudio / platformCpu : double.NaN;
    var exitCode = uploads.Count == accepted.Count && failed.Count == 0 && pending == 0 ? 0 : 1;
    if (!fullReport)
    {
        Console.WriteLine($"  upload {accepted.Sum(u => (double)u.Bytes) / 1e6 / uploadSeconds:F1} MB/s; {completed.Count} analysed in {totalSeconds:F1} s, {failed.Count} failed, {pending} pending; " +
            $"platform speed per core {speedPerCore:F0}× real time ({platformCpu:F1} CPU s: {ServiceProcesses.Summary(services, cpuBefore)})");
        return (exitCode, speedPerCore);
    }

    Console.WriteLine();
    Console.WriteLine($"Results ({audio.Count} tracks, {options.Concurrency} clients, {Environment.ProcessorCount} cores here)");
    Console.WriteLine($"  upload throughput                         {accepted.Sum(u => (double)u.Bytes) / 1e6 / uploadSeconds,8:F1} MB/s ({accepted.Count} files in {uploadSeconds:F1} s)");
    Console.WriteLine($"  upload time per file p50 / p95            {Percentile(uploadTimes, 0.5),8:F2} s / {Percentile(uploadTimes, 0.95):F2} s");
    Console.WriteLine($"  upload → analysisCompleted p50 / p95 / max {Percentile(latencies, 0.5),7:F1} s / {Percentile(latencies, 0.95):F1} s / {(latencies.Count > 0 ? latencies[^1] : double.NaN):F1} s");
    Console.WriteLine($"  analysed per minute                        {completed.Count / (totalSeconds / 60),7:F1} ({audio.Where(a => completed.Any(c => c.Name == a.Name)).Sum(a => a.Seconds) / totalSeconds:F0}× real time overall)");
    Console.WriteLine($"  refused uploads                            {uploads.Count - accepted.Count,7} {string.Join(", ", uploads.Where(u => u.Error is not null).GroupBy(u => u.Error).Select(g => $"{g.Key} ×{g.Count()}"))}");
    Console.WriteLine($"  throttled (429, retried)                   {uploads.Sum(u => u.Throttled),7}");
    Console.WriteLine($"  analyses failed / still pending            {failed.Count,7} / {pending}");
    foreach (var f in failed.Take(5))
    {
        Console.WriteLine($"    failed: {f.Name}: {f.Reason}");
    }

    ServiceProcesses.Report(services, cpuBefore);
    if (platformCpu > 0)
    {
        Console.WriteLine($"  platform speed per core                     {speedPerCore,8:F0}× real time ({analysedAudio:F0} s of audio analysed per {platformCpu:F1} CPU s)");
    }

    if (options.StageLog is { } stageLog)
    {
        StageReport.Print(stageLog, started, platformCpu);
    }

    return (exitCode, speedPerCore);
}

/// <summary>One concurrent client: its own user, HTTP client and WebSocket.</summary>
internal sealed class LoadClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<string, (string Type, DateTimeOffset At, string? Reason)> _outcomes = new();
    private readonly Task _receiving;
    private readonly CancellationTokenSource _stop = new();

    private LoadClient(HttpClient http, ClientWebSocket socket)
    {
        _http = http;
        _socket = socket;
        _receiving = Task.Run(ReceiveAsync);
    }

    public ConcurrentBag<Upload> Uploads { get; } = [];

    public static async Task<LoadClient> ConnectAsync(Uri gateway, DeviceFlowAccount account)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {account.AccessToken}");
        await socket.ConnectAsync(new UriBuilder(gateway) { Scheme = gateway.Scheme == "https" ? "wss" : "ws", Path = "/api/v1/ws" }.Uri, CancellationToken.None);
        return new LoadClient(account.CreateClient(gateway, TimeSpan.FromMinutes(10)), socket);
    }

    public async Task UploadAsync(string name, byte[] content)
    {
        var upload = new Upload(name, content.Length);
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", name);
            using var response = await _http.PostAsync("/api/v1/audio/upload", form);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                upload.Throttled++;
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5));
                continue;
            }

            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                upload.TrackId = body[0].GetProperty("id").GetString();
                upload.UploadedAt = DateTimeOffset.UtcNow;
                upload.UploadSeconds = clock.Elapsed.TotalSeconds;
            }
            else
            {
                upload.Error = $"{(int)response.StatusCode}";
            }

            break;
        }

        Uploads.Add(upload);
    }

    /// <summary>Deletes the tracks this client uploaded in the round; how many were deleted.</summary>
    public async Task<int> DeleteUploadsAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var upload in Uploads.Where(u => u.TrackId is not null))
        {
            using var response = await _http.DeleteAsync($"/api/v1/audio/{upload.TrackId}", cancellationToken);
            deleted += response.StatusCode == HttpStatusCode.NoContent ? 1 : 0;
        }

        return deleted;
    }

    public async Task WaitForOutcomesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var done = true;
            foreach (var upload in Uploads.Where(u => u.TrackId is not null && u.Outcome is null))
            {
                if (_outcomes.TryGetValue(upload.TrackId!, out var outcome))
                {
                    (upload.Outcome, upload.OutcomeAt, upload.Reason) = (outcome.Type, outcome.At, outcome.Reason);
                }
                else
                {
                    done = false;
                }
            }

            if (done)
            {
                return;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                using var message = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
                var root = message.RootElement;
                var type = root.GetProperty("type").GetString();
                if (type is "analysisCompleted" or "analysisFailed" && root.TryGetProperty("trackId", out var id))
                {
                    var reason = root.TryGetProperty("reason", out var r) ? r.GetString() : null;
                    _outcomes.TryAdd(id.GetString()!, (type, DateTimeOffset.UtcNow, reason));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closing down, or the connection dropped: outcomes still pending are reported as such.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _receiving;
        _socket.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }
}

internal sealed class Upload(string name, long bytes)
{
    public string Name { get; } = name;

    public long Bytes { get; } = bytes;

    public string? TrackId { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public double UploadSeconds { get; set; }

    public int Throttled { get; set; }

    public string? Error { get; set; }

    public string? Outcome { get; set; }

    public DateTimeOffset? OutcomeAt { get; set; }

    public string? Reason { get; set; }
}
