using System.Net;
using System.Net.Http.Json;

namespace AudioPlatform.PlatformClient;

/// <summary>A user registered through the Gateway and signed in the way the command-line tool is (device authorization grant).</summary>
public sealed record DeviceFlowAccount(string Email, string Password, string AccessToken, string? RefreshToken = null)
{
    public const string CliClientId = DeviceFlowClient.CliClientId;

    /// <summary>
    /// Registers <paramref name="email"/> (a fresh address when null), then runs the device flow, approving the
    /// code on the hosted pages as that user, and answers the tokens.
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

        var deviceFlow = new DeviceFlowClient(anonymous);
        var device = await deviceFlow.AuthorizeAsync("openid offline_access api", cancellationToken);
        await ApproveAsync(gateway, device.VerificationUriComplete, device.UserCode, email, password, cancellationToken);
        var poll = await deviceFlow.PollAsync(device.DeviceCode, cancellationToken);
        if (poll.State != DeviceCodeState.Granted)
        {
            throw new PlatformClientException($"The token endpoint refused the approved device code: {poll.State}");
        }

        return new DeviceFlowAccount(email, password, poll.Tokens!.AccessToken, poll.Tokens.RefreshToken);
    }

    /// <summary>
    /// Confirms a device's <paramref name="userCode"/> as a person would: opens <paramref name="verification"/> in a
    /// cookie-keeping client, signs in on the hosted form as <paramref name="email"/>, and allows the code.
    /// </summary>
    public static async Task ApproveAsync(
        Uri gateway, Uri verification, string userCode, string email, string password, CancellationToken cancellationToken = default)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = gateway,
        };
        var (_, page) = await HostedSignIn.OpenSignedInAsync(browser, verification, email, password, cancellationToken);
        using var confirmed = await browser.PostAsync("/connect/verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user_code"] = userCode,
            ["decision"] = "allow",
            ["__RequestVerificationToken"] = HostedSignIn.HiddenField(page, "__RequestVerificationToken") ?? "",
        }), cancellationToken);
        // Allowed (and denied) codes end on the "signed in" page; a redirect anywhere else (the sign-in form) approved nothing.
        if (confirmed.StatusCode != HttpStatusCode.Redirect || confirmed.Headers.Location?.OriginalString.EndsWith("/account/signedin", StringComparison.Ordinal) != true)
        {
            throw new PlatformClientException($"Approving the device code answered {(int)confirmed.StatusCode} {confirmed.Headers.Location}.");
        }
    }

    public HttpClient CreateClient(Uri gateway, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = gateway, Timeout = timeout ?? TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AccessToken);
        return client;
    }
}
