using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AudioPlatform.EndToEnd.Tests;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static AudioPlatform.Browser.Tests.BrowserSession;
using static Microsoft.Playwright.Assertions;

namespace AudioPlatform.Browser.Tests;

/// <summary>
/// A producer's first session in a real browser (headless Chromium) against the whole platform,
/// through the Gateway and the built web app: every step is done the way a person would do it,
/// and screenshots of every page at desktop and phone widths are written on the way.
/// </summary>
[Collection(BrowserPlatformCollection.Name)]
public sealed class WebJourneyTests(BrowserPlatformFixture platform, ITestOutputHelper output) : IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("audioplatform-browser-files-").FullName;

    /// <summary>Analysis of a short file waits behind the others on a busy 2-core machine: generous, never a timing assertion.</summary>
    private static readonly float AnalysisTimeout = (float)TimeSpan.FromMinutes(4).TotalMilliseconds;

    private static readonly TrackFile Slow = new("Slow groove", "mp3", Bpm: 92);
    private static readonly TrackFile Middle = new("Middle march", "flac", Bpm: 124);
    private static readonly TrackFile Fast = new("Fast run", "ogg", Bpm: 150);

    private sealed record TrackFile(string Title, string Format, double Bpm)
    {
        public string FileName => $"{Title}.{Format}";
    }

    [SkippableFact]
    public async Task A_producer_signs_up_uploads_explores_deletes_and_signs_out_in_the_browser()
    {
        await using var journey = await BrowserJourney.StartAsync(platform.GatewayAddress, output);
        var (gateway, context, page) = (journey.Gateway, journey.Context, journey.Page);
        var email = $"producer-{Guid.NewGuid():N}@example.com";
        var files = await WriteUploadFilesAsync();
        var screens = new Screens(page);

        // Landing, then "Create account" to Identity's hosted page, then sign in through the SPA.
        await BrowserSession.RegisterAndSignInAsync(context, page, gateway, email, screens.CaptureAsync);
        journey.Step("registered");
        await Expect(page.Locator(".topbar .user")).ToHaveTextAsync(email);
        var me = await FetchAsync(page, "/api/v1/auth/me");
        Assert.Equal(200, me.Status);
        Assert.Equal(email, me.Json.GetProperty("email").GetString());
        journey.Step("signed in through the SPA");

        // Upload three formats and a text file named .mp3 through the Upload page's file input.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Upload" }).ClickAsync();
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        await page.GetByLabel("Audio files to upload").SetInputFilesAsync(files);
        var uploads = page.Locator("li.upload-item");
        await Expect(uploads).ToHaveCountAsync(4);

        var refused = uploads.Filter(new() { HasText = "notes.mp3" }).GetByRole(AriaRole.Alert);
        await Expect(refused).ToContainTextAsync("is not MP3, WAV, FLAC, AIFF or OGG");
        foreach (var track in new[] { Slow, Middle, Fast })
        {
            var row = uploads.Filter(new() { HasText = track.FileName });
            var analysed = row.GetByRole(AriaRole.Link, new() { Name = "open the analysis" });
            await Expect(analysed.Or(row.GetByText("Analysis failed"))).ToBeVisibleAsync(new() { Timeout = AnalysisTimeout });
            Assert.True(await analysed.IsVisibleAsync(), $"{track.FileName} did not reach analyzed: {await row.InnerTextAsync()}");
            await Expect(row).ToContainTextAsync("Analysed");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the Upload page was reloaded while the analyses ran");
        await screens.CaptureAsync("upload");
        journey.Step("three uploads analysed live, the text file refused");

        var library = await FetchAsync(page, "/api/v1/audio?pageSize=100");
        var tracks = library.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, tracks.Count);
        Assert.All(tracks, t => Assert.Equal("analyzed", t.GetProperty("status").GetString()));
        var tempo = tracks.ToDictionary(FileNameOf, t => t.GetProperty("analysis").GetProperty("tempoBpm").GetDouble());
        output.WriteLine($"tempos reported: {string.Join(", ", tempo.Select(p => $"{p.Key} {p.Value:0.0}"))}");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(Fast.Title);
        await screens.CaptureAsync("dashboard");

        // Library: all three, then a BPM range that holds only the middle tempo the engine reported, kept in the URL.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Library" }).ClickAsync();
        var rows = page.Locator("li.track-row");
        await Expect(rows).ToHaveCountAsync(3);
        await screens.CaptureAsync("library");

        var byTempo = tempo.OrderBy(p => p.Value).ToList();
        var bpmMin = (int)Math.Ceiling((byTempo[0].Value + byTempo[1].Value) / 2);
        var bpmMax = (int)Math.Floor((byTempo[1].Value + byTempo[2].Value) / 2);
        Assert.True(byTempo[0].Value < bpmMin && bpmMin <= byTempo[1].Value && byTempo[1].Value <= bpmMax && bpmMax < byTempo[2].Value,
            $"the reported tempos leave no whole-BPM range around the middle one: {string.Join(", ", byTempo.Select(p => p.Value))}");
        await page.GetByLabel("BPM from").FillAsync(bpmMin.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("BPM from").PressAsync("Enter");
        await page.GetByLabel("BPM to").FillAsync(bpmMax.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("BPM to").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/library\\?bpmMin={bpmMin}&bpmMax={bpmMax}$"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync(Path.GetFileNameWithoutExtension(byTempo[1].Key));

        // The filtered view is a bookmark: opened afresh from its URL, it shows the same.
        await page.ReloadAsync();
        await Expect(page.GetByLabel("BPM from")).ToHaveValueAsync(bpmMin.ToString(CultureInfo.InvariantCulture));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync(Path.GetFileNameWithoutExtension(byTempo[1].Key));
        journey.Step("library filtered by BPM range");

        await FilterByGenreAsync(page, rows, tracks);

        // One track: the waveform seeks the audio element.
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).First.ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);
        await rows.GetByRole(AriaRole.Link, new() { Name = Middle.Title }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tracks/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(Middle.Title);
        await Expect(page.Locator(".fact").Filter(new() { HasText = "Tempo" })).ToContainTextAsync("BPM");
        var waveform = page.GetByRole(AriaRole.Slider, new() { Name = "Playback position" });
        await Expect(waveform).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('audio.audio')?.readyState >= 1");
        var before = await page.EvaluateAsync<double>("() => document.querySelector('audio.audio').currentTime");
        var box = (await waveform.BoundingBoxAsync())!;
        await waveform.ClickAsync(new() { Position = new() { X = box.Width * 0.75f, Y = box.Height / 2 } });
        await page.WaitForFunctionAsync("() => document.querySelector('audio.audio').currentTime > 1");
        var after = await page.EvaluateAsync<double>("() => document.querySelector('audio.audio').currentTime");
        var duration = tracks.Single(t => FileNameOf(t) == Middle.FileName).GetProperty("analysis").GetProperty("durationSeconds").GetDouble();
        Assert.Equal(0, before, 1);
        Assert.InRange(after, duration * 0.75 - 1, duration * 0.75 + 1);
        if (tracks.Any(t => TopGenre(t) is not null))
        {
            // With the classifiers in the analysis, the other two tracks are its neighbours, each a link with its reasons.
            var similar = page.GetByRole(AriaRole.Region, new() { Name = "Similar tracks" }).GetByRole(AriaRole.Link);
            await Expect(similar).ToHaveCountAsync(2);
            await Expect(similar.Filter(new() { HasText = Slow.Title })).ToContainTextAsync("alike");
            await Expect(similar.Filter(new() { HasText = Fast.Title })).ToContainTextAsync("alike");
        }

        await screens.CaptureAsync("analysis");
        journey.Step("track opened, waveform seeks");

        // Gallery: every analysed track is a dot; clicking one opens it.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Gallery" }).ClickAsync();
        var dots = page.Locator("circle.map-dot");
        await Expect(dots).ToHaveCountAsync(3);
        await screens.CaptureAsync("gallery");
        await page.GetByRole(AriaRole.Link, new() { Name = Fast.Title }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(Fast.Title);
        journey.Step("gallery");

        // Delete from the library, with confirmation.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Library" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {Fast.Title}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Delete this track?" });
        await Expect(dialog).ToContainTextAsync(Fast.Title);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = Fast.Title })).ToHaveCountAsync(0);
        var remaining = await FetchAsync(page, "/api/v1/audio?pageSize=100");
        Assert.Equal(2, remaining.Json.GetProperty("totalCount").GetInt32());
        journey.Step("track deleted");

        // Sign out: the session is over, and its cookies replayed in a fresh browser are refused.
        var signedInCookies = await context.CookiesAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{gateway}/");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).First).ToBeVisibleAsync();
        var meAfterSignOut = await FetchAsync(page, "/api/v1/auth/me");
        Assert.Equal(401, meAfterSignOut.Status);

        await using var replay = await journey.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = gateway });
        await replay.AddCookiesAsync(signedInCookies.Select(ToCookie));
        var replayPage = await replay.NewPageAsync();
        await replayPage.GotoAsync("/api/v1/status");
        var replayed = await FetchAsync(replayPage, "/api/v1/auth/me");
        Assert.Equal(401, replayed.Status);
        journey.Step("signed out, old session refused");

        Assert.Empty(journey.PageErrors);
    }

    /// <summary>
    /// The genre filter, when the analysis names genres. The classifiers may not be wired into the
    /// analysis yet: then every track's genres are empty and there is nothing to filter by, so the step is left out.
    /// </summary>
    private async Task FilterByGenreAsync(IPage page, ILocator rows, List<JsonElement> tracks)
    {
        var withGenre = tracks.FirstOrDefault(t => TopGenre(t) is not null);
        if (withGenre.ValueKind == JsonValueKind.Undefined)
        {
            output.WriteLine("No track has genres yet (the classifiers are not in the analysis): the genre filter step is left out.");
            return;
        }

        var genre = TopGenre(withGenre)!;
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).First.ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);
        await page.GetByLabel("Genre").FillAsync(genre);
        await page.GetByLabel("Genre").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/library\\?genre=[^&]+$"));
        Assert.Equal(genre, System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["genre"]);
        var expected = await FetchAsync(page, $"/api/v1/audio?genre={Uri.EscapeDataString(genre)}&pageSize=100");
        var expectedNames = expected.Json.GetProperty("items").EnumerateArray().Select(FileNameOf).ToList();
        Assert.Contains(FileNameOf(withGenre), expectedNames);
        await Expect(rows).ToHaveCountAsync(expectedNames.Count);
        foreach (var name in expectedNames)
        {
            await Expect(rows.Filter(new() { HasText = Path.GetFileNameWithoutExtension(name) })).ToHaveCountAsync(1);
        }

        output.WriteLine($"genre filter '{genre}': {string.Join(", ", expectedNames)}");
    }

    private static string? TopGenre(JsonElement track) =>
        track.GetProperty("analysis").TryGetProperty("genres", out var genres) && genres.ValueKind == JsonValueKind.Array
            ? genres.EnumerateArray().OrderByDescending(g => g.GetProperty("confidence").GetDouble()).Select(g => g.GetProperty("name").GetString()).FirstOrDefault()
            : null;

    private static string FileNameOf(JsonElement track) => track.GetProperty("fileName").GetString()!;

    private static Cookie ToCookie(BrowserContextCookiesResult cookie) => new()
    {
        Name = cookie.Name,
        Value = cookie.Value,
        Domain = cookie.Domain,
        Path = cookie.Path,
        HttpOnly = cookie.HttpOnly,
        Secure = cookie.Secure,
        SameSite = cookie.SameSite,
    };

    [SkippableFact]
    public async Task The_same_recording_uploaded_as_wav_then_mp3_is_one_group_and_the_copy_says_the_user_has_it()
    {
        var wav = await TestAudio.EncodeAsync(TestAudio.RecordingOgg(), "wav");
        var (wavPath, mp3Path) = (Path.Combine(_files, "freedom.wav"), Path.Combine(_files, "freedom.mp3"));
        await File.WriteAllBytesAsync(wavPath, wav);
        await File.WriteAllBytesAsync(mp3Path, await TestAudio.EncodeAsync(wav, "mp3"));

        await using var journey = await BrowserJourney.StartAsync(platform.GatewayAddress, output);
        var page = journey.Page;
        var screens = new Screens(page);
        await journey.RegisterAndSignInAsync($"collector-{Guid.NewGuid():N}@example.com");
        journey.Step("signed in");

        // The WAV first, analysed, then the MP3 made from it: the second upload of the same audio is accepted.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Upload" }).ClickAsync();
        foreach (var (path, count) in new[] { (wavPath, 1), (mp3Path, 2) })
        {
            await page.GetByLabel("Audio files to upload").SetInputFilesAsync(path);
            var row = page.Locator("li.upload-item").Filter(new() { HasText = Path.GetFileName(path) });
            await Expect(page.Locator("li.upload-item")).ToHaveCountAsync(count);
            await Expect(row.GetByRole(AriaRole.Link, new() { Name = "open the analysis" })).ToBeVisibleAsync(new() { Timeout = AnalysisTimeout });
        }

        journey.Step("the WAV and the MP3 of one recording uploaded and analysed");

        // The library's Duplicates view: one group, the WAV (first upload) above the MP3.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Library" }).ClickAsync();
        await Expect(page.Locator("li.track-row").Filter(new() { HasText = "Already in your library" })).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new() { Name = "Duplicates" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Duplicates", Exact = true })).ToBeVisibleAsync();
        var group = page.Locator("li.duplicate-group");
        await Expect(group).ToHaveCountAsync(1);
        await Expect(group.Locator("li.track-row")).ToHaveCountAsync(2);
        await Expect(group.Locator("li.track-row").First).ToContainTextAsync("freedom.wav");
        await Expect(group.Locator("li.track-row").Last).ToContainTextAsync("MP3");
        await screens.CaptureAsync("duplicates");

        // The copy's page says whose audio it repeats and links to it.
        await group.GetByRole(AriaRole.Link, new() { Name = "freedom.mp3" }).ClickAsync();
        // On the page, not the toast the upload left (it may still be showing: the pages change without a reload).
        var sameRecording = page.GetByRole(AriaRole.Region, new() { Name = "Same recording" });
        await Expect(sameRecording.GetByRole(AriaRole.Status)).ToContainTextAsync("You already have this recording: freedom");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Same recording as" })).ToContainTextAsync("freedom.wav");
        await screens.CaptureAsync("track-same-recording");
        journey.Step("grouped in the library, flagged on the copy's page");
    }

    /// <summary>Three short click tracks in three formats at distinct tempos, and a text file named like an MP3.</summary>
    private async Task<string[]> WriteUploadFilesAsync()
    {
        var folder = _files;
        var paths = new List<string>();
        foreach (var track in new[] { Slow, Middle, Fast })
        {
            var path = Path.Combine(folder, track.FileName);
            await File.WriteAllBytesAsync(path, await TestAudio.EncodeAsync(TestAudio.ClickTrackWav(track.Bpm, seconds: 12), track.Format));
            paths.Add(path);
        }

        var notes = Path.Combine(folder, "notes.mp3");
        await File.WriteAllTextAsync(notes, "Ideas for the next track: more cowbell.\n");
        paths.Add(notes);
        return [.. paths];
    }

    public void Dispose() => Directory.Delete(_files, recursive: true);
}
