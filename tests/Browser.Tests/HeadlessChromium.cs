using Microsoft.Playwright;

namespace AudioPlatform.Browser.Tests;

/// <summary>
/// Debian's Chromium (the <c>chromium</c> package) driven by Playwright through its executable path:
/// Playwright never downloads a browser here.
/// </summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static string MissingReason =>
        $"{ExecutablePath} is not installed (scripts/install-prerequisites.sh test, or apt-get install chromium); Playwright must not download a browser.";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
}
