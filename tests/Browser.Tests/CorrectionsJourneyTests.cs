using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AudioPlatform.EndToEnd.Tests;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static AudioPlatform.Browser.Tests.BrowserSession;
using static Microsoft.Playwright.Assertions;

namespace AudioPlatform.Browser.Tests;

/// <summary>
/// A producer corrects an analysis in the browser: the tempo an octave over (×2, or ½ when doubling would leave the range)
/// and the key, sees both marked as theirs, and a second tab on the track follows (trackCorrected on its socket) with tags
/// that say the corrected values; reloads and finds them kept; the list filters by the corrected tempo. Then genres given
/// to two tracks teach a learned genre for a third.
/// </summary>
[Collection(BrowserPlatformCollection.Name)]
public sealed class CorrectionsJourneyTests(BrowserPlatformFixture platform, ITestOutputHelper output) : IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("audioplatform-browser-corrections-").FullName;

    private static readonly float AnalysisTimeout = (float)TimeSpan.FromMinutes(6).TotalMilliseconds;

    [SkippableFact]
    public async Task A_corrected_tempo_and_key_are_marked_as_yours_and_kept_after_a_reload()
    {
        await using var journey = await BrowserJourney.StartAsync(platform.GatewayAddress, output);
        var (gateway, context, page) = (journey.Gateway, journey.Context, journey.Page);

        await RegisterAndSignInAsync(context, page, gateway, $"fixer-{Guid.NewGuid():N}@example.com");
        var file = Path.Combine(_files, "Roller.wav");
        await File.WriteAllBytesAsync(file, TestAudio.KeyedTrackWav(70, tonic: 0, minor: true, energy: 0.7, seconds: 16));
        await page.GotoAsync("/upload");
        await page.GetByLabel("Audio files to upload").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Link, new() { Name = "open the analysis" }).ClickAsync(new() { Timeout = AnalysisTimeout });
        await Expect(page).ToHaveURLAsync(new Regex("/tracks/.+"));
        journey.Step("uploaded, analysed, track page open");

        var trackId = page.Url.Split('/').Last();
        var analysed = (await FetchAsync(page, $"/api/v1/audio/{trackId}")).Json.GetProperty("analysis");
        var tempo = analysed.GetProperty("tempoBpm").GetDouble();
        // 70 BPM made: heard as 70 or 140, either doubles within the 300 BPM the Library takes (½ only as a fallback).
        var (button, expected) = tempo * 2 <= 300 ? ("Double the tempo", Math.Round(tempo * 2, 2)) : ("Halve the tempo", Math.Round(tempo / 2, 2));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"analysed {tempo:0.00} BPM, key {analysed.GetProperty("key")}; {button} → {expected:0.00}"));

        // A second tab on the same track, its notification socket open: it must follow the corrections without a reload.
        var other = await journey.NewPageAsync();
        await other.GotoAsync(page.Url);
        await Expect(other.Locator(".conn.conn-open")).ToHaveCountAsync(1);
        await Expect(other.GetByRole(AriaRole.Region, new() { Name = "Your corrections" })).ToBeVisibleAsync();

        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Your corrections" });
        await panel.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Expect(panel.Locator(".correction-mark[data-field=tempoBpm]")).ToHaveTextAsync("yours");
        await panel.GetByLabel("Your key").FillAsync("F#m");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Set key" }).ClickAsync();
        await Expect(panel.Locator(".correction-mark[data-field=key]")).ToHaveTextAsync("yours");
        journey.Step("tempo and key corrected");

        // The other tab heard trackCorrected and reloaded the track: the corrected tempo and key, and tags that say them.
        var correctedTempo = expected.ToString("0.0", CultureInfo.InvariantCulture) + " BPM";
        await Expect(other.Locator("dl.facts")).ToContainTextAsync(correctedTempo);
        await Expect(other.Locator("dl.facts")).ToContainTextAsync("F# minor");
        var tags = other.GetByRole(AriaRole.List, new() { Name = "Tags" });
        await Expect(tags).ToContainTextAsync(string.Create(CultureInfo.InvariantCulture, $"{Math.Round(expected)}-bpm"));
        await Expect(tags).ToContainTextAsync("camelot-11a");
        await other.CloseAsync();
        journey.Step("the other tab followed without a reload");

        await page.ReloadAsync();
        var expectedTempo = expected.ToString("0.0", CultureInfo.InvariantCulture) + " BPM";
        await Expect(panel.GetByTestId("corrected-tempo")).ToHaveTextAsync(expectedTempo);
        await Expect(panel.GetByTestId("corrected-key")).ToHaveTextAsync("F# minor · 11A");
        await Expect(panel.Locator(".correction-mark")).ToHaveCountAsync(2);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync(expectedTempo);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("yours · analysis:");

        var filtered = await FetchAsync(page, string.Create(CultureInfo.InvariantCulture, $"/api/v1/audio?bpmMin={expected - 0.5}&bpmMax={expected + 0.5}&camelot=11A"));
        Assert.Equal(1, filtered.Json.GetProperty("totalCount").GetInt32());

        await new Screens(page).CaptureAsync("corrections");
        journey.Step("kept after a reload, list filtered by them, screenshot taken");
        Assert.Empty(journey.PageErrors);
    }

    [SkippableFact]
    public async Task Genres_given_to_two_tracks_teach_a_learned_genre_for_a_third_which_one_click_accepts()
    {
        await using var journey = await BrowserJourney.StartAsync(platform.GatewayAddress, output);
        var (gateway, context, page) = (journey.Gateway, journey.Context, journey.Page);

        await RegisterAndSignInAsync(context, page, gateway, $"teacher-{Guid.NewGuid():N}@example.com");
        (string Title, double Bpm, int Tonic, bool Minor, double Energy)[] tracks =
            [("Dark roller", 174, 0, true, 0.9), ("Still water", 70, 5, false, 0.2), ("Dark roller two", 172, 0, true, 0.85)];
        var paths = tracks.Select(track =>
        {
            var path = Path.Combine(_files, $"{track.Title}.wav");
            File.WriteAllBytes(path, TestAudio.KeyedTrackWav(track.Bpm, track.Tonic, track.Minor, track.Energy, seconds: 16));
            return path;
        }).ToArray();
        await page.GotoAsync("/upload");
        await page.GetByLabel("Audio files to upload").SetInputFilesAsync(paths);
        var uploads = page.Locator("li.upload-item");
        await Expect(uploads.GetByRole(AriaRole.Link, new() { Name = "open the analysis" })).ToHaveCountAsync(3, new() { Timeout = AnalysisTimeout });
        var pages = new Dictionary<string, string>();
        foreach (var track in tracks)
        {
            pages[track.Title] = (await uploads.Filter(new() { HasText = $"{track.Title}.wav" })
                .GetByRole(AriaRole.Link, new() { Name = "open the analysis" }).GetAttributeAsync("href"))!;
        }
        journey.Step("three tracks uploaded and analysed");

        // The owner names the genre of two tracks.
        foreach (var (title, genre) in new[] { ("Dark roller", "drum-and-bass"), ("Still water", "ambient") })
        {
            await page.GotoAsync(pages[title]);
            var panel = page.GetByRole(AriaRole.Region, new() { Name = "Your corrections" });
            await panel.GetByLabel("Your genre").FillAsync(genre);
            await panel.GetByRole(AriaRole.Button, new() { Name = "Set genre" }).ClickAsync();
            await Expect(panel.Locator(".correction-mark[data-field=genre]")).ToHaveTextAsync("yours");
        }
        journey.Step("two genres given");

        // The third track's page says what those two teach about it, and on what it is based.
        await page.GotoAsync(pages["Dark roller two"]);
        var third = page.GetByRole(AriaRole.Region, new() { Name = "Your corrections" });
        var learned = third.Locator(".learned[data-field=genre]");
        await Expect(learned).ToContainTextAsync("Learned from your corrections:");
        await Expect(learned).ToContainTextAsync("based on 2 of your tracks");
        var trackId = pages["Dark roller two"].Split('/').Last();
        var prediction = (await FetchAsync(page, $"/api/v1/audio/{trackId}")).Json.GetProperty("learnedLabels").GetProperty("genre");
        output.WriteLine($"learned genre of Dark roller two: {prediction}");
        await new Screens(page).CaptureAsync("learned-labels");
        if (prediction.GetProperty("name").GetString() is { } name)
        {
            // The library list says it too, under the row's genre.
            await page.GotoAsync("/library");
            var row = page.Locator("li.track-row").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Dark roller two", Exact = true }) });
            await Expect(row.Locator(".learned-mark[data-field=genre]")).ToHaveTextAsync($"learned: {name}");
            await Expect(page.Locator(".learned-mark")).ToHaveCountAsync(1);
            await page.GotoAsync(pages["Dark roller two"]);

            await third.GetByRole(AriaRole.Button, new() { Name = $"Accept {name} as your genre" }).ClickAsync();
            await Expect(third.Locator(".correction-mark[data-field=genre]")).ToHaveTextAsync("yours");
            var accepted = (await FetchAsync(page, $"/api/v1/audio/{trackId}")).Json;
            // A label correction's value is a list (one genre here), as for instruments.
            Assert.Equal([name], accepted.GetProperty("corrections").GetProperty("genre").GetProperty("value").EnumerateArray().Select(genre => genre.GetString()));
            Assert.Equal(name, accepted.GetProperty("analysis").GetProperty("genres")[0].GetProperty("name").GetString());
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(prediction.GetProperty("notSure").GetString()), "a prediction without a name says why it is not sure");
        }
        journey.Step("the learned genre shown and accepted");
        Assert.Empty(journey.PageErrors);
    }

    public void Dispose() => Directory.Delete(_files, recursive: true);
}
