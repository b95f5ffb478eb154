using System.Diagnostics;
using System.IO.Compression;
using AudioPlatform.EndToEnd.Tests;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static AudioPlatform.Browser.Tests.BrowserSession;
using static Microsoft.Playwright.Assertions;

namespace AudioPlatform.Browser.Tests;

/// <summary>
/// Library care in the browser: two selected tracks download as one zip of tagged files, and the library is analysed
/// again in the background with its progress shown live until it is done.
/// </summary>
[Collection(BrowserPlatformCollection.Name)]
public sealed class LibraryCareJourneyTests(BrowserPlatformFixture platform, ITestOutputHelper output) : IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("audioplatform-browser-care-").FullName;

    private static readonly float AnalysisTimeout = (float)TimeSpan.FromMinutes(6).TotalMilliseconds;

    [SkippableFact]
    public async Task A_selection_downloads_as_a_tagged_zip_and_the_library_is_analysed_again_with_live_progress()
    {
        await using var journey = await BrowserJourney.StartAsync(platform.GatewayAddress, output);
        var (gateway, context, page) = (journey.Gateway, journey.Context, journey.Page);

        await RegisterAndSignInAsync(context, page, gateway, $"care-{Guid.NewGuid():N}@example.com");
        var paths = new[] { ("Warm up", 0, 118.0, 0.3), ("Peak", 7, 126.0, 0.8) }.Select(track =>
        {
            var path = Path.Combine(_files, $"{track.Item1}.wav");
            File.WriteAllBytes(path, TestAudio.KeyedTrackWav(track.Item3, track.Item2, minor: true, track.Item4, seconds: 16));
            return path;
        }).ToArray();
        await page.GotoAsync("/upload");
        await page.GetByLabel("Audio files to upload").SetInputFilesAsync(paths);
        await Expect(page.Locator("li.upload-item").GetByRole(AriaRole.Link, new() { Name = "open the analysis" })).ToHaveCountAsync(2, new() { Timeout = AnalysisTimeout });
        journey.Step("two tracks uploaded and analysed");

        // Both selected: one zip, each file tagged with its BPM.
        await page.GotoAsync("/library");
        await page.GetByLabel("Select Warm up").CheckAsync();
        await page.GetByLabel("Select Peak").CheckAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download tagged (zip)" }).ClickAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.Ordinal);
        using (var zip = ZipFile.OpenRead((await download.PathAsync())!))
        {
            Assert.Equal(["Peak.wav", "Warm up.wav", "export.csv"], zip.Entries.Select(entry => entry.FullName).Order());
            using var manifest = new StreamReader(zip.GetEntry("export.csv")!.Open());
            var lines = (await manifest.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.All(lines.Skip(1), line => Assert.Contains(",yes,", line, StringComparison.Ordinal));
        }
        journey.Step("downloaded the selection as a tagged zip");

        // The whole library analysed again: asked to confirm, then followed live to the end.
        await page.GetByRole(AriaRole.Button, new() { Name = "Analyse again…" }).ClickAsync();
        await Expect(page.GetByText("Analyse your whole library again")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(page.GetByText("Analysed again: 2 tracks")).ToBeVisibleAsync(new() { Timeout = AnalysisTimeout });
        await new Screens(page).CaptureAsync("library-care");
        var progress = (await FetchAsync(page, "/api/v1/library/reanalysis")).Json;
        Assert.Equal((2, 2, true), (progress.GetProperty("total").GetInt32(), progress.GetProperty("done").GetInt32(), progress.GetProperty("finished").GetBoolean()));
        journey.Step("analysed the library again with live progress");

        Assert.Empty(journey.PageErrors);
    }

    public void Dispose() => Directory.Delete(_files, recursive: true);
}
