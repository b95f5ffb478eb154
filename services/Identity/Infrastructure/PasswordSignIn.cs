using System.Net;
using System.Security.Cryptography;
using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Identity.Infrastructure;

/// <summary>What a password sign-in came to: signed in, refused, or not even tried because of too many failures.</summary>
public sealed record SignInAttempt(bool Succeeded, TimeSpan? RetryAfter)
{
    public static readonly SignInAttempt SignedIn = new(true, null);
    public static readonly SignInAttempt Refused = new(false, null);

    public static SignInAttempt Throttled(TimeSpan wait) => new(false, wait);
}

/// <summary>
/// The hosted page's password sign-in. It answers the same for an address that has no account
/// (ASVS 5 V6.3.8): the password is checked against a dummy hash, as slow as a real check, and the
/// failure counts and locks exactly like a real account's. Failures never lock the account itself
/// (see <see cref="SignInThrottle"/>), so its sessions and refresh tokens keep working.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IPasswordHasher<ApplicationUser> hasher,
    ISignInThrottle throttle,
    IOptions<IdentityServiceOptions> options,
    ILogger<PasswordSignIn> logger)
{
    private static string? s_dummyHash;

    public async Task<SignInAttempt> SignInAsync(string email, string password, IPAddress? client)
    {
        var account = SignInThrottle.AccountKey(users.NormalizeName(email));
        var address = SignInThrottle.ClientKey(client);
        if (await throttle.RetryAfterAsync(account, address) is { } wait)
        {
            // Refused before the password is looked at: while locked, a right guess looks like a wrong one.
            logger.LogWarning("Sign-in refused without checking the password: too many failures for this address or from this client");
            return SignInAttempt.Throttled(wait);
        }

        var user = await users.FindByNameAsync(email);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new ApplicationUser(), DummyHash(), password);
        }
        else if (await users.CheckPasswordAsync(user, password) && await signIn.CanSignInAsync(user) && !await users.IsLockedOutAsync(user))
        {
            await throttle.ForgetAsync(account);
            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "pwd");
            return SignInAttempt.SignedIn;
        }

        var settings = options.Value;
        await throttle.RecordFailureAsync(account, settings.MaxFailedAccessAttempts);
        await throttle.RecordFailureAsync(address, settings.FailedSignInsPerClientAddress);
        return SignInAttempt.Refused;
    }

    /// <summary>A random password hashed once by the same hasher, so checking against it costs what a real check costs.</summary>
    private string DummyHash() =>
        s_dummyHash ??= hasher.HashPassword(new ApplicationUser(), RandomNumberGenerator.GetHexString(32));
}
