using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>
/// The web app's side of the Gateway, as a browser does it over plain HTTP: cookies kept, redirects
/// followed one at a time, Identity's sign-in form filled in when it shows up. No token is ever held.
/// </summary>
public sealed partial class BffBrowser : IDisposable
{
    public const string SessionCookie = "audioplatform.session";
    public const string Password = "correct horse battery staple 42";

    public BffBrowser(Uri gateway)
    {
        Gateway = gateway;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromMinutes(1),
        };
    }

    public Uri Gateway { get; }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public string Email { get; } = $"listener-{Guid.NewGuid():N}@example.com";

    public string? SessionCookieValue => Cookies.GetCookies(Gateway)[SessionCookie]?.Value;

    /// <summary>Registers, then signs in from the SPA's entry point; returns every address visited.</summary>
    public async Task<List<Uri>> SignUpAndSignInAsync(string returnUrl = "/library")
    {
        using (var registered = await Http.PostAsJsonAsync("/api/v1/auth/register", new { email = Email, password = Password }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        return await SignInAsync(returnUrl);
    }

    public async Task<List<Uri>> SignInAsync(string returnUrl = "/library")
    {
        var visited = new List<Uri>();
        var url = new Uri(Gateway, $"/api/v1/auth/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var signedIn = false;
        for (var step = 0; step < 20; step++)
        {
            visited.Add(url);
            using var response = await Http.GetAsync(url);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found)
            {
                url = new Uri(url, response.Headers.Location!);
                if (url.PathAndQuery == returnUrl)
                {
                    visited.Add(url);
                    return visited;
                }

                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            Assert.True(!signedIn && url.AbsolutePath == "/account/signin" && response.StatusCode == HttpStatusCode.OK,
                $"{(int)response.StatusCode} at {url}: {html}");
            using var posted = await Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = Email,
                ["Password"] = Password,
                ["ReturnUrl"] = HiddenField(html, "ReturnUrl") ?? "",
                ["__RequestVerificationToken"] = HiddenField(html, "__RequestVerificationToken")!,
            }));
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            signedIn = true;
            url = new Uri(url, posted.Headers.Location!);
        }

        throw new Xunit.Sdk.XunitException($"The sign-in did not come back: {string.Join(" → ", visited)}");
    }

    /// <summary>What the SPA's sign-out does: POST with the antiforgery header, then the redirects (fetch follows them).</summary>
    public async Task<List<Uri>> SignOutAsync()
    {
        var visited = new List<Uri>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout") { Headers = { { "X-CSRF", "1" } } };
        var response = await Http.SendAsync(request);
        var url = new Uri(Gateway, "/api/v1/auth/logout");
        while (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && visited.Count < 10)
        {
            url = new Uri(url, response.Headers.Location!);
            visited.Add(url);
            response.Dispose();
            response = await Http.GetAsync(url);
        }

        response.Dispose();
        return visited;
    }

    public void Dispose() => Http.Dispose();

    private static string? HiddenField(string html, string name)
    {
        var input = InputTag().Matches(html).Select(match => match.Value)
            .FirstOrDefault(tag => tag.Contains($"name=\"{name}\"", StringComparison.Ordinal));
        var value = input is null ? null : ValueAttribute().Match(input);
        return value is { Success: true } ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
