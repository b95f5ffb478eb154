using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AudioPlatform.PlatformClient;

/// <summary>A user registered through the Gateway and signed in the way the command-line tool is (device authorization grant).</summary>
public sealed record DeviceFlowAccount(string Email, string Password, string AccessToken)
{
    public const string CliClientId = "audioplatform-cli";

    /// <summary>
    /// Registers <paramref name="email"/> (a fresh address when null), then runs the device flow, approving the
    /// code on the hosted pages as that user, and answers the access token.
    /// </summary>
    public static async Task<DeviceFlowAccount> SignUpAsync(
        Uri gateway, string? email = null, string password = "correct horse battery staple 42", CancellationToken cancellationToken = default)
    {
        email ??= $"producer-{Guid.NewGuid():N}@example.com";
        using var anonymous = new HttpClient { BaseAddress = gateway };
        using (var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password }, cancellationToken))
        {
            if (registered.StatusCode != HttpStatusCode.Created)
            {
                throw new PlatformClientException($"Registering {email} answered {(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        using var deviceResponse = await anonymous.PostAsync("/connect/device", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = CliClientId,
            ["scope"] = "openid offline_access api",
        }), cancellationToken);
        var device = await deviceResponse.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var deviceCode = device.GetProperty("device_code").GetString()!;
        var userCode = device.GetProperty("user_code").GetString()!;
        // The verification address carries the public issuer, which may not be the address this client reached.
        var verification = new Uri(gateway, new Uri(device.GetProperty("verification_uri_complete").GetString()!).PathAndQuery);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = gateway,
        };
        var (_, page) = await HostedSignIn.OpenSignedInAsync(browser, verification, email, password, cancellationToken);
        using (var confirmed = await browser.PostAsync("/connect/verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user_code"] = userCode,
            ["decision"] = "allow",
            ["__RequestVerificationToken"] = HostedSignIn.HiddenField(page, "__RequestVerificationToken") ?? "",
        }), cancellationToken))
        {
            if (confirmed.StatusCode != HttpStatusCode.Redirect)
            {
                throw new PlatformClientException($"Approving the device code answered {(int)confirmed.StatusCode}.");
            }
        }

        using var tokenResponse = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
            ["device_code"] = deviceCode,
            ["client_id"] = CliClientId,
        }), cancellationToken);
        var token = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!tokenResponse.IsSuccessStatusCode)
        {
            throw new PlatformClientException($"The token endpoint refused the device code: {token}");
        }

        return new DeviceFlowAccount(email, password, token.GetProperty("access_token").GetString()!);
    }

    public HttpClient CreateClient(Uri gateway, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = gateway, Timeout = timeout ?? TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AccessToken);
        return client;
    }
}
