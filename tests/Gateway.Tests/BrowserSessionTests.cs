using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AudioPlatform.Gateway.Tests;

/// <summary>
/// A real browser (headless Chromium) through the Gateway: register on Identity's page, sign in from
/// the SPA's entry point, call the API with the session cookie, sign out, and the old session is dead.
/// Uses the system's Chromium (Debian package <c>chromium</c>); skipped with the reason when it is missing.
/// </summary>
[Collection(WebSessionCollection.Name)]
public sealed class BrowserSessionTests(WebSessionFixture platform)
{
    // Navigations are checked by polling the URL: WaitForURLAsync also waits for a load event that Playwright sometimes never reports (playwright-dotnet#2897).
    private static readonly PageAssertionsToHaveURLOptions UrlTimeout = new() { Timeout = 30_000 };

    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task Register_sign_in_call_the_api_sign_out_and_the_old_session_no_longer_works()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (apt-get install chromium); Playwright must not download a browser here.");
        var account = Account.New();
        var gateway = platform.GatewayAddress.ToString().TrimEnd('/');

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync($"{gateway}/account/register");
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{gateway}/account/signedin", UrlTimeout);

        await page.GotoAsync($"{gateway}/api/v1/auth/login?returnUrl=/library");
        await Expect(page).ToHaveURLAsync($"{gateway}/library", UrlTimeout);
        var me = await FetchAsync(page, "/api/v1/auth/me");
        var sessionCookies = (await context.CookiesAsync()).Where(cookie => cookie.Name == Browser.SessionCookie).ToList();
        var keptCookies = sessionCookies.Select(cookie => new Cookie
        {
            Name = cookie.Name,
            Value = cookie.Value,
            Domain = cookie.Domain,
            Path = cookie.Path,
            HttpOnly = cookie.HttpOnly,
            Secure = cookie.Secure,
            SameSite = cookie.SameSite,
        });

        var signOut = await FetchAsync(page, "/api/v1/auth/logout", "POST");
        var meAfterSignOut = await FetchAsync(page, "/api/v1/auth/me");

        var replay = await chromium.NewContextAsync();
        await replay.AddCookiesAsync(keptCookies);
        var replayPage = await replay.NewPageAsync();
        await replayPage.GotoAsync($"{gateway}/api/v1/status");
        var replayed = await FetchAsync(replayPage, "/api/v1/auth/me");

        await page.GotoAsync($"{gateway}/api/v1/auth/login?returnUrl=/library");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"), UrlTimeout);
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{gateway}/library", UrlTimeout);
        var meAgain = await FetchAsync(page, "/api/v1/auth/me");

        Assert.Equal(200, me.Status);
        Assert.Equal(account.Email, JsonDocument.Parse(me.Body).RootElement.GetProperty("email").GetString());
        var cookie = Assert.Single(sessionCookies);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal(200, signOut.Status);
        Assert.Equal(401, meAfterSignOut.Status);
        Assert.Equal(401, replayed.Status);
        Assert.Equal(200, meAgain.Status);
    }

    private sealed record Fetched(int Status, string Body);

    /// <summary>What the SPA does: fetch from the page, with the antiforgery header on a POST (redirects followed, as fetch does).</summary>
    private static async Task<Fetched> FetchAsync(IPage page, string path, string method = "GET")
    {
        var result = await page.EvaluateAsync<JsonElement>(
            """
            async ([path, method]) => {
              const headers = method === 'GET' ? {} : { 'X-CSRF': '1' };
              const response = await fetch(path, { method, headers });
              return { status: response.status, body: await response.text() };
            }
            """,
            new object[] { path, method });
        return new Fetched(result.GetProperty("status").GetInt32(), result.GetProperty("body").GetString() ?? "");
    }
}
