using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AudioPlatform.PlatformClient;
using static AudioPlatform.EndToEnd.Tests.AudioApi;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>
/// The command-line tool against the running platform, as a user runs it: the built <c>audioplatform.dll</c> as a
/// process with its own home and config folder, signing in through the device flow that the test confirms on the
/// hosted pages.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class CliTests(PlatformFixture platform) : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How long login may still wait once the code is confirmed: a few polls, on a busy machine.</summary>
    private static readonly TimeSpan LoginAfterApproval = TimeSpan.FromMinutes(2);
    private readonly string _home = Directory.CreateTempSubdirectory("audioplatform-cli-e2e-").FullName;

    private string ConfigHome => Path.Combine(_home, "config");

    private string CredentialsFile => Path.Combine(ConfigHome, "audioplatform", "credentials.json");

    private string Server => platform.GatewayAddress.GetLeftPart(UriPartial.Authority);

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task The_cli_signs_in_with_the_device_flow_uploads_a_folder_once_and_lists_and_exports_what_the_api_has()
    {
        var user = await platform.UserAsync("cli");
        using var api = user.CreateClient(platform.GatewayAddress);

        // login: the code the tool prints is confirmed on the hosted pages, as a person would in a browser.
        var login = await LoginAsync(user);
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains($"Signed in to {Server} as {user.Email}", login.Stdout);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CredentialsFile));

        // upload: a folder of five formats, each at its own tempo, waited for until analysed.
        var folder = Directory.CreateDirectory(Path.Combine(_home, "music")).FullName;
        var tempos = new Dictionary<string, double> { ["wav"] = 90, ["mp3"] = 105, ["flac"] = 120, ["aiff"] = 135, ["ogg"] = 150 };
        foreach (var (format, bpm) in tempos)
        {
            var wav = TestAudio.ClickTrackWav(bpm, seconds: 10);
            await File.WriteAllBytesAsync(Path.Combine(folder, $"take {bpm}.{format}"), format == "wav" ? wav : await TestAudio.EncodeAsync(wav, format));
        }

        var first = await RunAsync("upload", folder, "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var uploaded = JsonLines(first.Stdout);
        Assert.Equal(5, uploaded.Count);
        Assert.All(uploaded, line =>
        {
            Assert.Equal("analyzed", line.GetProperty("status").GetString());
            Assert.False(line.GetProperty("skipped").GetBoolean());
            Assert.True(line.GetProperty("tempoBpm").GetDouble() > 0, line.ToString());
        });
        var trackIds = uploaded.Select(line => line.GetProperty("trackId").GetGuid()).ToList();
        foreach (var trackId in trackIds)
        {
            var track = await WaitForStatusAsync(api, trackId, "analyzed");
            Assert.Equal(track.GetProperty("analysis").GetProperty("camelot").GetString(),
                uploaded.Single(line => line.GetProperty("trackId").GetGuid() == trackId).GetProperty("camelot").GetString());
        }

        // upload again: every file is recognised by its content and skipped, and still reported with its analysis.
        var again = await RunAsync("upload", folder, "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        var skipped = JsonLines(again.Stdout);
        Assert.All(skipped, line => Assert.True(line.GetProperty("skipped").GetBoolean(), line.ToString()));
        Assert.Equal(trackIds, skipped.Select(line => line.GetProperty("trackId").GetGuid()));
        Assert.Contains("0 uploaded, 5 skipped", again.Stderr);
        Assert.Equal(5, (await ListAsync(api, "?pageSize=100")).GetProperty("totalCount").GetInt32());

        // A BPM window that leaves out the slowest and the fastest track, whatever the detected tempos are.
        var detected = uploaded.Select(line => line.GetProperty("tempoBpm").GetDouble()).Distinct().Order().ToList();
        Assert.True(detected.Count >= 3, $"the five tempos were detected as only {string.Join(", ", detected)}");
        var bpmMin = ((detected[0] + detected[1]) / 2).ToString("0.###", CultureInfo.InvariantCulture);
        var bpmMax = ((detected[^2] + detected[^1]) / 2).ToString("0.###", CultureInfo.InvariantCulture);
        var expected = await ListAsync(api, $"?bpmMin={bpmMin}&bpmMax={bpmMax}&sort=title&pageSize=100");
        var expectedItems = expected.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(expectedItems.Count, 1, 3);

        // The access token has run out: the next command refreshes it silently with the refresh token.
        var before = JsonNode.Parse(await File.ReadAllTextAsync(CredentialsFile))!;
        before["accessToken"] = "expired";
        before["expiresAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");
        await File.WriteAllTextAsync(CredentialsFile, before.ToJsonString());

        // list: the same tracks as the API for the same filter, in the same order.
        var list = await RunAsync("list", "--bpm-min", bpmMin, "--bpm-max", bpmMax, "--sort", "title", "--all", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var after = JsonNode.Parse(await File.ReadAllTextAsync(CredentialsFile))!;
        Assert.NotEqual("expired", after["accessToken"]!.GetValue<string>());
        Assert.NotEqual(before["refreshToken"]!.GetValue<string>(), after["refreshToken"]!.GetValue<string>());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CredentialsFile));
        var listed = JsonLines(list.Stdout);
        Assert.Equal(expectedItems.Select(t => t.GetProperty("id").GetGuid()), listed.Select(line => line.GetProperty("trackId").GetGuid()));
        Assert.Equal(expectedItems.Select(t => Math.Round(t.GetProperty("analysis").GetProperty("tempoBpm").GetDouble(), 2)),
            listed.Select(line => line.GetProperty("tempoBpm").GetDouble()));

        // export CSV: a header, then one row per track with the API's values.
        var csvFile = Path.Combine(_home, "window.csv");
        var csv = await RunAsync("export", "--format", "csv", "--bpm-min", bpmMin, "--bpm-max", bpmMax, "--sort", "title", "--output", csvFile);
        Assert.True(csv.ExitCode == 0, csv.ToString());
        var rows = (await File.ReadAllTextAsync(csvFile)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
        var header = rows[0].ToList();
        Assert.Equal(["trackId", "title", "artist", "fileName", "format", "status", "durationSeconds", "tempoBpm"], header.Take(8));
        Assert.Equal(expectedItems.Count, rows.Count - 1);
        for (var i = 0; i < expectedItems.Count; i++)
        {
            var track = expectedItems[i];
            var row = rows[i + 1];
            Assert.Equal(header.Count, row.Length);
            Assert.Equal(track.GetProperty("id").GetGuid().ToString(), row[header.IndexOf("trackId")]);
            Assert.Equal(track.GetProperty("title").GetString(), row[header.IndexOf("title")]);
            Assert.Equal(track.GetProperty("format").GetString(), row[header.IndexOf("format")]);
            Assert.Equal(track.GetProperty("analysis").GetProperty("tempoBpm").GetRawText(), row[header.IndexOf("tempoBpm")]);
            Assert.Equal(track.GetProperty("analysis").GetProperty("key").GetString(), row[header.IndexOf("key")]);
            Assert.Equal($"{Server}/api/v1/audio/{track.GetProperty("id").GetGuid()}/stream", row[header.IndexOf("streamUrl")]);
        }

        // export M3U: the same tracks as a playlist of signed stream links, which a player opens through the Gateway with no token.
        var m3u = await RunAsync("export", "--format", "m3u", "--bpm-min", bpmMin, "--bpm-max", bpmMax, "--sort", "title");
        Assert.True(m3u.ExitCode == 0, m3u.ToString());
        var playlist = m3u.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("#EXTM3U", playlist[0]);
        Assert.Equal(1 + 2 * expectedItems.Count, playlist.Length);
        for (var i = 0; i < expectedItems.Count; i++)
        {
            var track = expectedItems[i];
            var seconds = (long)Math.Round(track.GetProperty("analysis").GetProperty("durationSeconds").GetDouble());
            Assert.Equal($"#EXTINF:{seconds},{track.GetProperty("title").GetString()}", playlist[1 + 2 * i]);
            Assert.StartsWith($"{Server}/api/v1/audio/{track.GetProperty("id").GetGuid()}/stream?user=", playlist[2 + 2 * i], StringComparison.Ordinal);
        }

        using (var player = new HttpClient())
        {
            using var stream = await player.GetAsync(playlist[2], HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(System.Net.HttpStatusCode.OK, stream.StatusCode);
            using var altered = await player.GetAsync(playlist[2].Replace("&exp=", "&exp=9", StringComparison.Ordinal));
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, altered.StatusCode);
        }

        // playlists: the BPM window saved as a smart playlist, listed with its count, exported as the same tracks.
        var create = await RunAsync("playlists", "create", "Window", "--bpm-min", bpmMin, "--bpm-max", bpmMax, "--sort", "title");
        Assert.True(create.ExitCode == 0, create.ToString());
        var playlists = await RunAsync("playlists", "--json");
        Assert.True(playlists.ExitCode == 0, playlists.ToString());
        var saved = Assert.Single(JsonLines(playlists.Stdout));
        Assert.Equal(("Window", expectedItems.Count), (saved.GetProperty("name").GetString(), saved.GetProperty("trackCount").GetInt32()));
        var fromPlaylist = await RunAsync("export", "--playlist", "window", "--format", "json");
        Assert.True(fromPlaylist.ExitCode == 0, fromPlaylist.ToString());
        Assert.Equal(expectedItems.Select(t => t.GetProperty("id").GetGuid()),
            JsonDocument.Parse(fromPlaylist.Stdout).RootElement.EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
        var deleted = await RunAsync("playlists", "delete", "Window");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());

        // export zip: the window's files, each with its analysis in its own tags.
        var zipFile = Path.Combine(_home, "window.zip");
        var zip = await RunAsync("export", "--format", "zip", "--bpm-min", bpmMin, "--bpm-max", bpmMax, "--output", zipFile);
        Assert.True(zip.ExitCode == 0, zip.ToString());
        Assert.False(File.Exists(zipFile + ".part"));
        using (var archive = System.IO.Compression.ZipFile.OpenRead(zipFile))
        {
            Assert.Equal(expectedItems.Select(t => t.GetProperty("fileName").GetString()).Append("export.csv").Order(),
                archive.Entries.Select(entry => entry.FullName).Order());
        }

        // reanalyze: the window analysed again in the background, followed to the end.
        var reanalysed = await RunAsync("reanalyze", "--bpm-min", bpmMin, "--bpm-max", bpmMax);
        Assert.True(reanalysed.ExitCode == 0, reanalysed.ToString());
        Assert.Contains($"{expectedItems.Count} of {expectedItems.Count} analysed again", reanalysed.Stdout);

        // logout: the tokens are gone, and the next command says how to sign in again.
        var logout = await RunAsync("logout");
        Assert.True(logout.ExitCode == 0, logout.ToString());
        Assert.False(File.Exists(CredentialsFile));
        var signedOut = await RunAsync("list", "--server", Server);
        Assert.Equal(3, signedOut.ExitCode);
        Assert.Contains("audioplatform login", signedOut.Stderr);
    }

    private sealed record CliRun(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    private ProcessStartInfo Command(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "audioplatform.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = _home;
        start.Environment["XDG_CONFIG_HOME"] = ConfigHome;
        start.Environment["AUDIOPLATFORM_SERVER"] = Server;
        return start;
    }

    private async Task<CliRun> RunAsync(params string[] args)
    {
        using var process = Process.Start(Command(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await WaitForExitAsync(process);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs <c>login</c>, reads the code and address it prints, and confirms the code as <paramref name="user"/>.</summary>
    private async Task<CliRun> LoginAsync(PlatformUser user)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(Command("login", "--server", Server))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var printed = new List<string>();
        string? code = null;
        Uri? verification = null;
        while ((code is null || verification is null) && await process.StandardOutput.ReadLineAsync() is { } line)
        {
            printed.Add(line);
            code ??= UserCode().Match(line) is { Success: true } c ? c.Groups[1].Value : null;
            verification ??= CompleteVerificationAddress().Match(line) is { Success: true } v ? new Uri(v.Groups[1].Value) : null;
        }

        if (code is null || verification is null)
        {
            // Only now: stderr ends when the process does, so awaiting it for a message that is not needed would wait
            // for the code to expire.
            Assert.Fail($"login printed no code and address:\n{string.Join('\n', printed)}\n{await stderr}");
        }

        Assert.Contains(code, verification.Query);
        var codeShown = clock.Elapsed;
        await DeviceFlowAccount.ApproveAsync(platform.GatewayAddress, verification, code, user.Email, user.Password);
        var approved = clock.Elapsed;
        var rest = process.StandardOutput.ReadToEndAsync();
        await WaitForExitAsync(process, LoginAfterApproval);
        return new CliRun(process.ExitCode, string.Join('\n', printed) + "\n" + await rest,
            $"{await stderr}\n(code shown after {codeShown}, approved after {approved}, exited after {clock.Elapsed})");
    }

    private static async Task WaitForExitAsync(Process process, TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"audioplatform did not finish within {limit ?? CommandTimeout}.");
        }
    }

    private static List<JsonElement> JsonLines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    [GeneratedRegex(@"enter the code (\S+)")]
    private static partial Regex UserCode();

    [GeneratedRegex(@"\(or open (\S+)\)")]
    private static partial Regex CompleteVerificationAddress();
}
