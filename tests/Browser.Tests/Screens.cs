using Microsoft.Playwright;

namespace AudioPlatform.Browser.Tests;

/// <summary>
/// Full-page screenshots of the page at a desktop and a phone width, written to
/// <c>TestResults/screenshots/{page}-{desktop|phone}.png</c> under the repository root.
/// </summary>
public sealed class Screens(IPage page)
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    public async Task CaptureAsync(string name)
    {
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        foreach (var (width, size) in new[] { ("desktop", Desktop), ("phone", Phone) })
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(RepositoryPaths.Screenshots, $"{name}-{width}.png"),
                FullPage = true,
                Animations = ScreenshotAnimations.Disabled,
            });
            // Responsive down to 360 px: nothing may push the page sideways.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"the {name} page is {overflow} px wider than a {size.Width} px screen");
        }

        await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
    }
}
