using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>
/// A registered user signed in the way the command-line tool signs in (device authorization grant),
/// with everything going through the Gateway: registration, the hosted sign-in page and the token.
/// </summary>
public sealed partial class PlatformUser
{
    private PlatformUser(string email, string accessToken) => (Email, AccessToken) = (email, accessToken);

    public string Email { get; }

    public string AccessToken { get; }

    public HttpClient CreateClient(Uri gateway)
    {
        var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        return client;
    }

    public static async Task<PlatformUser> SignUpAsync(Uri gateway)
    {
        var email = $"producer-{Guid.NewGuid():N}@example.com";
        const string password = "correct horse battery staple 42";
        using var anonymous = new HttpClient { BaseAddress = gateway };
        using (var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        using var deviceResponse = await anonymous.PostAsync("/connect/device", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "audioplatform-cli",
            ["scope"] = "openid offline_access api",
        }));
        var device = await deviceResponse.Content.ReadFromJsonAsync<JsonElement>();
        var deviceCode = device.GetProperty("device_code").GetString()!;
        var userCode = device.GetProperty("user_code").GetString()!;
        // The verification address carries the public issuer; the test's Gateway is on another port.
        var verification = new Uri(gateway, new Uri(device.GetProperty("verification_uri_complete").GetString()!).PathAndQuery);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = gateway,
        };
        var page = await OpenSignedInAsync(browser, verification, email, password);
        using (var confirmed = await browser.PostAsync("/connect/verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user_code"] = userCode,
            ["decision"] = "allow",
            ["__RequestVerificationToken"] = HiddenField(page, "__RequestVerificationToken")!,
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        using var tokenResponse = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
            ["device_code"] = deviceCode,
            ["client_id"] = "audioplatform-cli",
        }));
        var token = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(tokenResponse.IsSuccessStatusCode, token.ToString());
        return new PlatformUser(email, token.GetProperty("access_token").GetString()!);
    }

    private static async Task<string> OpenSignedInAsync(HttpClient browser, Uri start, string email, string password)
    {
        var url = start;
        for (var step = 0; step < 10; step++)
        {
            using var response = await browser.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found)
            {
                url = new Uri(url, response.Headers.Location!);
            }
            else if (url.AbsolutePath == "/account/signin")
            {
                using var signedIn = await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Email"] = email,
                    ["Password"] = password,
                    ["ReturnUrl"] = HiddenField(html, "ReturnUrl") ?? "",
                    ["__RequestVerificationToken"] = HiddenField(html, "__RequestVerificationToken")!,
                }));
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
                url = new Uri(url, signedIn.Headers.Location!);
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return html;
            }
        }

        throw new Xunit.Sdk.XunitException("Too many redirects on the way to the device verification page.");
    }

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
