using AudioPlatform.PlatformClient;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>
/// A registered user signed in the way the command-line tool signs in (device authorization grant),
/// with everything going through the Gateway: registration, the hosted sign-in page and the token.
/// </summary>
public sealed class PlatformUser
{
    private readonly DeviceFlowAccount _account;

    private PlatformUser(DeviceFlowAccount account) => _account = account;

    public string Email => _account.Email;

    /// <summary>For signing in on the hosted pages, e.g. to confirm a device code the command-line tool shows.</summary>
    public string Password => _account.Password;

    public string AccessToken => _account.AccessToken;

    public HttpClient CreateClient(Uri gateway) => _account.CreateClient(gateway);

    public static async Task<PlatformUser> SignUpAsync(Uri gateway) => new(await DeviceFlowAccount.SignUpAsync(gateway));
}
