using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AudioPlatform.Browser.Tests;

/// <summary>What every journey does the way a person does it: create an account on Identity's hosted page and sign in through the SPA.</summary>
internal static class BrowserSession
{
    public const string Password = "correct horse battery staple 42";

    /// <summary>Registers <paramref name="email"/>, forgets Identity's own session, then signs in with the landing page's button; ends on the Dashboard.</summary>
    public static async Task RegisterAndSignInAsync(IBrowserContext context, IPage page, string gateway, string email, Func<string, Task>? captureLanding = null)
    {
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Know every track" })).ToBeVisibleAsync();
        if (captureLanding is not null)
        {
            await captureLanding("landing");
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Create account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/register$"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        // The page, not WaitForURLAsync: that also waits for a load event Playwright sometimes never reports (playwright-dotnet#2897).
        await Expect(page.GetByText("You are signed in.")).ToBeVisibleAsync();

        // Registration also signed the browser in at Identity: forget that, so the SPA's sign-in goes through the form.
        await context.ClearCookiesAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{gateway}/dashboard");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();
    }

    public sealed record Fetched(int Status, JsonElement Json);

    /// <summary>A call the way the SPA makes it: fetch from the page, with its cookies (redirects followed, as fetch does).</summary>
    public static async Task<Fetched> FetchAsync(IPage page, string path)
    {
        var result = await page.EvaluateAsync<JsonElement>(
            """
            async (path) => {
              const response = await fetch(path, { credentials: 'same-origin' });
              return { status: response.status, body: await response.text() };
            }
            """,
            path);
        var body = result.GetProperty("body").GetString() ?? "";
        var json = body.Length > 0 && body.TrimStart().StartsWith('{') ? JsonDocument.Parse(body).RootElement.Clone() : default;
        return new Fetched(result.GetProperty("status").GetInt32(), json);
    }
}
