using System.Text.RegularExpressions;
using AudioPlatform.Browser.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AudioPlatform.Gateway.Tests;

/// <summary>
/// Identity's hosted pages as a person sees them through the Gateway, in headless Chromium (Debian's
/// package; Playwright never downloads a browser): the web app's look, the error states, the password
/// hint, and not one Content Security Policy violation. Screenshots at 1280 and 360 px are written to
/// <c>TestResults/screenshots/identity-*.png</c>.
/// </summary>
[Collection(WebSessionCollection.Name)]
public sealed partial class IdentityPagesInChromiumTests(WebSessionFixture platform)
{
    // Navigations are checked by polling the URL: WaitForURLAsync also waits for a load event that Playwright sometimes never reports (playwright-dotnet#2897).
    private static readonly PageAssertionsToHaveURLOptions UrlTimeout = new() { Timeout = 30_000 };

    private const string CollectViolations =
        "document.addEventListener('securitypolicyviolation', event => (window.cspViolations ??= []).push(event.violatedDirective + ' ' + event.blockedURI));";

    [SkippableFact]
    public async Task The_hosted_pages_have_the_web_apps_look_show_their_errors_and_break_no_csp_rule()
    {
        Skip.IfNot(HeadlessChromium.IsInstalled, HeadlessChromium.MissingReason);
        var account = Account.New();
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync(playwright);
        await using var context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = platform.GatewayAddress.ToString().TrimEnd('/'),
            ViewportSize = Screens.Desktop,
        });
        await context.AddInitScriptAsync(CollectViolations);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text}");
            }
        };
        page.RequestFailed += (_, request) => problems.Add($"failed: {request.Url}");
        var screens = new Screens(page);

        // Registration: the strength hint while typing, then a common password refused next to its field.
        await page.GotoAsync("/account/register");
        Assert.Equal("hsl(220 90% 60%)", await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).getPropertyValue('--primary').trim()"));
        Assert.Equal(200, await page.EvaluateAsync<int>("async () => (await fetch(document.querySelector('link[rel=icon]').href)).status"));
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync("short");
        await Expect(page.Locator("#password-strength-text")).ToHaveTextAsync("Too short: 5 more characters.");
        await page.GetByLabel("Password").FillAsync("qwertyuiop");
        await Expect(page.Locator("#password-strength-text")).ToContainTextAsync("most common passwords");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
        await Expect(page.Locator("#password-error")).ToContainTextAsync("most common passwords");
        await Expect(page.GetByLabel("Password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync(account.Email);
        await ExpectNoViolationAsync(page);
        await screens.CaptureAsync("identity-register-error");

        await page.GetByLabel("Password").FillAsync(account.Password);
        await Expect(page.Locator("#password-strength")).ToHaveAttributeAsync("data-score", "4");
        await screens.CaptureAsync("identity-register-strong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signedin$"), UrlTimeout);
        await ExpectNoViolationAsync(page);
        await screens.CaptureAsync("identity-signed-in");

        // Sign-in: a wrong password shows the error summary, the address stays filled in.
        await context.ClearCookiesAsync();
        await page.GotoAsync("/account/signin");
        await screens.CaptureAsync("identity-sign-in");
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email address or the password is not correct.");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync(account.Email);
        await ExpectNoViolationAsync(page);
        await screens.CaptureAsync("identity-sign-in-error");

        // Device verification (signed in first): an unknown code is shown next to the field.
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signedin$"), UrlTimeout);
        await page.GotoAsync("/connect/verify");
        await page.GetByLabel("Code shown on your device").FillAsync("WRONG-CODE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator("#user_code-error")).ToContainTextAsync("not valid or has expired");
        await ExpectNoViolationAsync(page);
        await screens.CaptureAsync("identity-device-error");

        // Sign-out asked for without naming the session: the confirmation page.
        await page.GotoAsync("/connect/endsession");
        await Expect(page).ToHaveURLAsync(SignOutPage(), UrlTimeout);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await ExpectNoViolationAsync(page);
        await screens.CaptureAsync("identity-sign-out");

        Assert.Empty(problems);
    }

    private static async Task ExpectNoViolationAsync(IPage page) =>
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.cspViolations ?? []"));

    [GeneratedRegex("/account/signout")]
    private static partial Regex SignOutPage();
}
