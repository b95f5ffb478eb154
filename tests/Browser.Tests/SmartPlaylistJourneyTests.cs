using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AudioPlatform.EndToEnd.Tests;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static AudioPlatform.Browser.Tests.BrowserSession;
using static Microsoft.Playwright.Assertions;

namespace AudioPlatform.Browser.Tests;

/// <summary>
/// A smart playlist in the browser: the library filtered to a key and its neighbours is saved as a playlist, which then
/// takes in a track uploaded afterwards; its M3U holds signed links that play without the session; it is renamed and deleted.
/// </summary>
[Collection(BrowserPlatformCollection.Name)]
public sealed class SmartPlaylistJourneyTests(BrowserPlatformFixture platform, ITestOutputHelper output) : IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("audioplatform-browser-playlist-").FullName;

    private static readonly float AnalysisTimeout = (float)TimeSpan.FromMinutes(6).TotalMilliseconds;

    [SkippableFact]
    public async Task A_saved_filter_stays_up_to_date_and_exports_links_a_player_opens()
    {
        await using var journey = await BrowserJourney.StartAsync(platform.GatewayAddress, output);
        var (gateway, context, page) = (journey.Gateway, journey.Context, journey.Page);

        await RegisterAndSignInAsync(context, page, gateway, $"playlist-{Guid.NewGuid():N}@example.com");
        await UploadAsync(page, ("Sunrise", 0, 120.0, 0.3), ("Drift", 7, 122.0, 0.6), ("Elsewhere", 6, 124.0, 0.5));
        journey.Step("three tracks uploaded and analysed (A minor 8A, E minor 9A, D# minor 2A)");

        // The library filtered to 8A and the keys that mix with it, then saved as a playlist from the filter bar.
        await page.GotoAsync("/library?camelot=8A");
        await page.GetByLabel("and neighbours").CheckAsync();
        await Expect(page).ToHaveURLAsync(new Regex("camelotNeighbours=true"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as playlist" }).ClickAsync();
        await page.GetByLabel("Playlist name").FillAsync("Around 8A");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/playlists/[^/?]+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Around 8A" })).ToBeVisibleAsync();
        var expected = await MatchesAsync(page);
        output.WriteLine($"8A and neighbours: {expected} of the three tracks by their analysed keys");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Tracks of Around 8A" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(expected);
        journey.Step("saved the filter as a playlist");

        // A track uploaded afterwards joins it: the playlist is its filter, evaluated when read.
        await UploadAsync(page, ("Night drive", 5, 119.0, 0.4));
        var after = await MatchesAsync(page);
        output.WriteLine($"after uploading Night drive (D minor, 7A): {after} match");
        await page.GotoAsync("/playlists");
        var row = page.Locator("li.playlist-row").Filter(new() { HasText = "Around 8A" });
        await Expect(row.Locator("dd")).ToHaveTextAsync(after.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(row).ToContainTextAsync("Camelot 8A · and neighbours");
        await page.GotoAsync(await row.GetByRole(AriaRole.Link).GetAttributeAsync("href") ?? "");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Tracks of Around 8A" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(after);
        await new Screens(page).CaptureAsync("smart-playlist");
        journey.Step("the playlist took in the later track");

        // The M3U: signed links on the Gateway's address, which play with no cookie and no token.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export M3U" }).ClickAsync());
        Assert.Equal("Around-8A.m3u", download.SuggestedFilename);
        var m3u = await File.ReadAllLinesAsync((await download.PathAsync())!);
        var links = m3u.Where(line => line.StartsWith("http", StringComparison.Ordinal)).ToList();
        Assert.Equal("#EXTM3U", m3u[0]);
        Assert.Equal(after, links.Count);
        Assert.All(links, link => Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(gateway)}/api/v1/audio/[0-9a-f-]{{36}}/stream\\?user=.+&exp=\\d+&sig=[A-Za-z0-9_-]+$", link));
        using (var player = new HttpClient())
        {
            using var played = await player.GetAsync(links[0], HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, played.StatusCode);
            Assert.Equal("audio/wav", played.Content.Headers.ContentType?.MediaType);
            using var tampered = await player.GetAsync(links[0].Replace("&sig=", "&sig=x", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
            using var unsigned = await player.GetAsync(links[0][..links[0].IndexOf('?', StringComparison.Ordinal)]);
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        }
        journey.Step("exported an M3U whose signed links play without the session");

        // Rename, then delete.
        await page.GotoAsync("/playlists");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename Around 8A" }).ClickAsync();
        await page.GetByLabel("New name").FillAsync("Harmonic warm-up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Harmonic warm-up" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Harmonic warm-up" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete playlist" }).ClickAsync();
        await Expect(page.GetByText("No playlists yet")).ToBeVisibleAsync();
        journey.Step("renamed and deleted");

        Assert.Empty(journey.PageErrors);
    }

    /// <summary>How many of the user's tracks the library API puts in 8A and its neighbours now.</summary>
    private static async Task<int> MatchesAsync(IPage page) =>
        (await FetchAsync(page, "/api/v1/audio?camelot=8A&camelotNeighbours=true&pageSize=100")).Json.GetProperty("totalCount").GetInt32();

    private async Task UploadAsync(IPage page, params (string Title, int Tonic, double Bpm, double Energy)[] tracks)
    {
        var paths = tracks.Select(track =>
        {
            var path = Path.Combine(_files, $"{track.Title}.wav");
            File.WriteAllBytes(path, TestAudio.KeyedTrackWav(track.Bpm, track.Tonic, minor: true, track.Energy, seconds: 16));
            return path;
        }).ToArray();
        await page.GotoAsync("/upload");
        await page.GetByLabel("Audio files to upload").SetInputFilesAsync(paths);
        var uploads = page.Locator("li.upload-item");
        await Expect(uploads).ToHaveCountAsync(tracks.Length);
        await Expect(uploads.GetByRole(AriaRole.Link, new() { Name = "open the analysis" })).ToHaveCountAsync(tracks.Length, new() { Timeout = AnalysisTimeout });
    }

    public void Dispose() => Directory.Delete(_files, recursive: true);
}
