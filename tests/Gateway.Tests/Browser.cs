using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace AudioPlatform.Gateway.Tests;

public sealed record Account(string Email, string Password)
{
    public static Account New() => new($"listener-{Guid.NewGuid():N}@example.com", "correct horse battery staple 42");
}

public sealed record Navigation(IReadOnlyList<Uri> Visited, HttpStatusCode Status, Uri Url, string Body);

/// <summary>
/// What a browser does, over plain HTTP: keeps cookies, follows redirects one by one (so each step can
/// be inspected) and fills in Identity's sign-in form when it shows up.
/// </summary>
public sealed partial class Browser : IDisposable
{
    public const string SessionCookie = "audioplatform.session";

    public Browser(Uri gateway)
    {
        Gateway = gateway;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true })
        {
            BaseAddress = gateway,
        };
    }

    public Uri Gateway { get; }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public string? SessionCookieValue => Cookies.GetCookies(Gateway)[SessionCookie]?.Value;

    public async Task RegisterAsync(Account account)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/auth/register", new { email = account.Email, password = account.Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>The web sign-in from the SPA's button to the page it returns to.</summary>
    public Task<Navigation> SignInAsync(Account account, string returnUrl = "/library") =>
        NavigateAsync(new Uri(Gateway, $"/api/v1/auth/login?returnUrl={Uri.EscapeDataString(returnUrl)}"), account);

    public async Task<Navigation> NavigateAsync(Uri start, Account? account = null, HttpResponseMessage? first = null)
    {
        var visited = new List<Uri>();
        var url = start;
        var next = first;
        for (var step = 0; step < 20; step++)
        {
            if (next is null)
            {
                visited.Add(url);
                next = await Http.GetAsync(url);
            }

            var response = next;
            next = null;
            try
            {
                if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
                {
                    url = new Uri(url, response.Headers.Location!);
                    continue;
                }

                var body = await response.Content.ReadAsStringAsync();
                if (account is not null && response.StatusCode == HttpStatusCode.OK && url.AbsolutePath == "/account/signin")
                {
                    visited.Add(url);
                    next = await Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["Email"] = account.Email,
                        ["Password"] = account.Password,
                        ["ReturnUrl"] = HiddenField(body, "ReturnUrl") ?? "",
                        ["__RequestVerificationToken"] = HiddenField(body, "__RequestVerificationToken")!,
                    }));
                    account = null;
                    continue;
                }

                return new Navigation(visited, response.StatusCode, url, body);
            }
            finally
            {
                response.Dispose();
            }
        }

        throw new Xunit.Sdk.XunitException($"Too many redirects: {string.Join(" → ", visited)}");
    }

    public static string? HiddenField(string html, string name)
    {
        var input = InputTag().Matches(html).Select(match => match.Value)
            .FirstOrDefault(tag => tag.Contains($"name=\"{name}\"", StringComparison.Ordinal));
        var value = input is null ? null : ValueAttribute().Match(input);
        return value is { Success: true } ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
