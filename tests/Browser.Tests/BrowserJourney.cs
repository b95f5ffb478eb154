using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace AudioPlatform.Browser.Tests;

/// <summary>
/// One journey's browser: Debian's Chromium (the test is skipped without it), a desktop-sized context on the Gateway
/// with a page open, the pages' uncaught errors collected for the journey to assert none, and a clock for its steps.
/// </summary>
internal sealed class BrowserJourney : IAsyncDisposable
{
    /// <summary>Long enough for a step on a busy 2-core CI machine; a journey that is merely slow must not fail.</summary>
    private const float StepTimeoutMs = 60_000;

    private readonly IPlaywright _playwright;
    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private BrowserJourney(IPlaywright playwright, IBrowser browser, IBrowserContext context, string gateway, ITestOutputHelper output)
    {
        _playwright = playwright;
        Browser = browser;
        Context = context;
        Gateway = gateway;
        _output = output;
    }

    /// <summary>The Gateway's address without the trailing slash, as the pages' URLs start.</summary>
    public string Gateway { get; }

    public IBrowser Browser { get; }

    public IBrowserContext Context { get; }

    /// <summary>The first page of the context.</summary>
    public IPage Page { get; private set; } = null!;

    /// <summary>Uncaught errors of every page opened through <see cref="NewPageAsync"/>.</summary>
    public List<string> PageErrors { get; } = [];

    public static async Task<BrowserJourney> StartAsync(Uri gateway, ITestOutputHelper output)
    {
        Skip.IfNot(HeadlessChromium.IsInstalled, HeadlessChromium.MissingReason);
        var address = gateway.ToString().TrimEnd('/');
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await HeadlessChromium.LaunchAsync(playwright);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address, ViewportSize = Screens.Desktop });
            context.SetDefaultTimeout(StepTimeoutMs);
            SetDefaultExpectTimeout(StepTimeoutMs);
            var journey = new BrowserJourney(playwright, browser, context, address, output);
            journey.Page = await journey.NewPageAsync();
            return journey;
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Another page (a second tab) in the same context, its errors collected too.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var page = await Context.NewPageAsync();
        page.PageError += (_, error) => PageErrors.Add(error);
        return page;
    }

    /// <summary>Creates the account and signs in through the SPA on <see cref="Page"/>; ends on the Dashboard.</summary>
    public Task RegisterAndSignInAsync(string email, Func<string, Task>? captureLanding = null) =>
        BrowserSession.RegisterAndSignInAsync(Context, Page, Gateway, email, captureLanding);

    /// <summary>Writes the step with the seconds since the journey started, so a slow step shows in the test's output.</summary>
    public void Step(string what) => _output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
