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
/// A DJ's evening in the browser: a crate of tracks whose keys, tempos and energies are known, the next tracks that
/// mix with one of them, the crate ordered into a harmonic set (with its screenshot), and a path on the map.
/// </summary>
[Collection(BrowserPlatformCollection.Name)]
public sealed class HarmonicMixingJourneyTests(BrowserPlatformFixture platform, ITestOutputHelper output) : IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("audioplatform-browser-crate-").FullName;

    private static readonly float AnalysisTimeout = (float)TimeSpan.FromMinutes(6).TotalMilliseconds;

    /// <summary>Tonic in semitones above A. Keys round the Camelot wheel from 7A to 11A, with two majors; tempos 119 to 126; a quiet one to cool down.</summary>
    private sealed record CrateTrack(string Title, int Tonic, bool Minor, double Bpm, double Energy, string Camelot);

    private static readonly CrateTrack[] Crate =
    [
        new("Sunrise", 0, true, 120, 0.15, "8A"),
        new("Night drive", 5, true, 119, 0.3, "7A"),
        new("Afterglow", 3, false, 121, 0.35, "8B"),
        new("Drift", 7, true, 122, 0.5, "9A"),
        new("Home", 10, false, 123, 0.6, "9B"),
        new("Lift", 2, true, 124, 0.75, "10A"),
        new("Peak hour", 9, true, 126, 1.0, "11A"),
        new("Last light", 2, true, 123, 0.0, "10A"),
    ];

    [SkippableFact]
    public async Task A_DJ_finds_next_tracks_and_orders_a_harmonic_set_in_the_browser()
    {
        await using var journey = await BrowserJourney.StartAsync(platform.GatewayAddress, output);
        var (gateway, context, page) = (journey.Gateway, journey.Context, journey.Page);
        var screens = new Screens(page);

        await RegisterAndSignInAsync(context, page, gateway, $"dj-{Guid.NewGuid():N}@example.com");
        journey.Step("signed in");

        await page.GotoAsync("/upload");
        await page.GetByLabel("Audio files to upload").SetInputFilesAsync(WriteCrate());
        var uploads = page.Locator("li.upload-item");
        await Expect(uploads).ToHaveCountAsync(Crate.Length);
        await Expect(uploads.GetByRole(AriaRole.Link, new() { Name = "open the analysis" })).ToHaveCountAsync(Crate.Length, new() { Timeout = AnalysisTimeout });
        journey.Step($"{Crate.Length} tracks uploaded and analysed");

        var library = await FetchAsync(page, "/api/v1/audio?pageSize=100");
        var tracks = library.Json.GetProperty("items").EnumerateArray().ToDictionary(t => Path.GetFileNameWithoutExtension(t.GetProperty("fileName").GetString()!));
        foreach (var track in Crate)
        {
            var a = tracks[track.Title].GetProperty("analysis");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{track.Title,-12} made {track.Camelot,3} {track.Bpm} BPM energy {track.Energy:0.00}; analysed {Text(a, "camelot"),3} {Number(a, "tempoBpm"):0.0} BPM energy {Number(a, "energy"):0.00}"));
        }

        // The track page: next tracks with their reasons; each option is a new question to the API.
        var seed = Crate.Single(t => t.Title == "Drift");
        await page.GotoAsync($"/tracks/{tracks[seed.Title].GetProperty("id").GetString()}");
        var next = page.GetByRole(AriaRole.Region, new() { Name = "Next tracks" });
        await Expect(next).ToBeVisibleAsync();
        var suggestions = next.GetByRole(AriaRole.Link);
        await Expect(suggestions.First).ToContainTextAsync("→");
        var reasons = await next.Locator(".reason").AllInnerTextsAsync();
        output.WriteLine($"next after {seed.Title}: {string.Join(" | ", reasons)}");
        Assert.All(reasons, r => Assert.Matches(@"^\d{1,2}[AB] → \d{1,2}[AB].*% tempo", r));

        var nextQuestion = page.WaitForRequestAsync(r => r.Url.Contains("/next?", StringComparison.Ordinal) && r.Url.Contains("direction=up", StringComparison.Ordinal));
        await next.GetByLabel("Energy up").CheckAsync();
        await nextQuestion;
        // The answer replaces the list: only rises in energy, or the words saying there is none under these options.
        await Expect(next.Locator(".reason").Filter(new() { HasNotText = "energy up" })).ToHaveCountAsync(0);
        await Expect(next.Locator(".reason").Or(next.GetByText("No track of yours mixes with this one")).First).ToBeVisibleAsync();
        output.WriteLine($"next after {seed.Title}, energy up: {string.Join(" | ", await next.Locator(".reason").AllInnerTextsAsync())}");

        await next.GetByLabel("Any energy").CheckAsync();
        await Expect(suggestions.First).ToContainTextAsync("→");

        // An instant mix from the same track: the other six, each as alike as the embeddings say.
        var mix = page.GetByRole(AriaRole.Region, new() { Name = "Instant mix" });
        await mix.GetByRole(AriaRole.Button, new() { Name = "Make a mix" }).ClickAsync();
        await Expect(mix.GetByRole(AriaRole.Link).Or(mix.Locator("p.muted")).First).ToBeVisibleAsync();
        output.WriteLine($"instant mix from {seed.Title}: {string.Join(" | ", await mix.GetByRole(AriaRole.Link).AllInnerTextsAsync()).ReplaceLineEndings(" ")}");
        await screens.CaptureAsync("next-tracks");
        journey.Step("next tracks with reasons, instant mix");

        // The library: the whole crate into a set (no selection: the unfiltered library).
        await page.GotoAsync("/library");
        await Expect(page.Locator("li.track-row")).ToHaveCountAsync(Crate.Length);
        await page.GetByRole(AriaRole.Region, new() { Name = "Build a set" }).GetByRole(AriaRole.Button, new() { Name = "Build set" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sets"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Harmonic set · {Crate.Length} tracks");
        var steps = page.Locator(".set-steps > li");
        await Expect(steps).ToHaveCountAsync(Crate.Length);
        await Expect(page.Locator(".set-transition")).ToHaveCountAsync(Crate.Length - 1);
        await Expect(page.Locator(".energy-curve circle")).ToHaveCountAsync(Crate.Length);
        var summary = await page.Locator(".set-summary").InnerTextAsync();
        output.WriteLine($"set: {summary}; {string.Join(" → ", await page.Locator(".set-track .track-title").AllInnerTextsAsync())}");
        var compatible = int.Parse(Regex.Match(summary, @"^(\d+) of").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(compatible >= Crate.Length / 2, $"a crate round the wheel at close tempos orders into mostly compatible transitions: {summary}");
        await screens.CaptureAsync("harmonic-set");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export M3U" }).ClickAsync());
        Assert.Equal("set.m3u", download.SuggestedFilename);
        var m3u = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal("#EXTM3U", m3u[0]);
        // Signed links, which a media player opens without the session.
        Assert.Equal(Crate.Length, m3u.Count(line => line.StartsWith($"{gateway}/api/v1/audio/", StringComparison.Ordinal) && line.Contains("/stream?user=", StringComparison.Ordinal)));
        journey.Step("harmonic set ordered and exported");

        // The map: a path from the calmest to the most energetic track, when the analysis has embeddings to map.
        await page.GotoAsync("/gallery");
        var dots = page.Locator("circle.map-dot");
        await Expect(dots.First.Or(page.GetByText("Nothing to map yet"))).ToBeVisibleAsync();
        if (await dots.CountAsync() < 2)
        {
            output.WriteLine("No similarity embeddings in the analysis: the path on the map is left out.");
        }
        else
        {
            await page.GetByLabel("Find a path").CheckAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Sunrise:" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Peak hour:" }).ClickAsync();
            var path = page.GetByRole(AriaRole.Region, new() { Name = "Path" });
            await Expect(path.GetByRole(AriaRole.Link).First).ToContainTextAsync("Sunrise");
            await Expect(path.GetByRole(AriaRole.Link).Last).ToContainTextAsync("Peak hour");
            await Expect(page.Locator("polyline.map-path")).ToHaveCountAsync(1);
            await screens.CaptureAsync("gallery-path");
            journey.Step("path drawn on the map");
        }

        Assert.Empty(journey.PageErrors);
    }

    private string[] WriteCrate() =>
        [.. Crate.Select(track =>
        {
            var path = Path.Combine(_files, $"{track.Title}.wav");
            File.WriteAllBytes(path, TestAudio.KeyedTrackWav(track.Bpm, track.Tonic, track.Minor, track.Energy, seconds: 16));
            return path;
        })];

    private static string? Text(JsonElement analysis, string name) =>
        analysis.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double Number(JsonElement analysis, string name) =>
        analysis.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;

    public void Dispose() => Directory.Delete(_files, recursive: true);
}
