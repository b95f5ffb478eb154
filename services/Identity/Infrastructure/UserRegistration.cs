using System.Net;
using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Identity.Infrastructure;

/// <summary>
/// What a registration attempt came to: a user, an address already taken, errors per field, or a client
/// that must wait (<c>RetryAfter</c>) after probing too many taken addresses.
/// </summary>
public sealed record RegistrationOutcome(ApplicationUser? User, bool EmailTaken, IReadOnlyDictionary<string, string[]> Errors, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// One registration path for the page and the API, so both refuse the same things. It says when an
/// address is taken (there is no mail to say it privately, see the README's Identity section), so each
/// such answer counts as a failure of the client address, slowing anyone who probes addresses down.
/// </summary>
public sealed class UserRegistration(UserManager<ApplicationUser> users, ISignInThrottle throttle, IOptions<IdentityServiceOptions> options)
{
    public const string EmailField = "email";
    public const string PasswordField = "password";

    /// <summary>Long passphrases are welcome (ASVS asks for at least 64); this only bounds the hashing work.</summary>
    public const int MaxPasswordLength = 256;

    public async Task<RegistrationOutcome> RegisterAsync(string? email, string? password, IPAddress? client)
    {
        var address = SignInThrottle.ClientKey(client);
        if (await throttle.RetryAfterAsync(address) is { } wait)
        {
            return new(null, EmailTaken: false, new Dictionary<string, string[]>(), wait);
        }

        email = email?.Trim();
        var errors = new Dictionary<string, List<string>>();
        if (!EmailAddresses.IsValid(email))
        {
            Add(errors, EmailField, "Enter a valid email address, like name@example.com.");
        }

        if (string.IsNullOrEmpty(password))
        {
            Add(errors, PasswordField, "Enter a password.");
        }
        else if (password.Length > MaxPasswordLength)
        {
            Add(errors, PasswordField, $"Passwords can have at most {MaxPasswordLength} characters.");
        }

        if (errors.Count > 0)
        {
            return Failed(errors);
        }

        var user = new ApplicationUser { UserName = email, Email = email };
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, password!);
        }
        catch (DbUpdateException)
        {
            // Two registrations of one address at once: the unique index on the normalised name decides.
            return await TakenAsync(address);
        }

        if (result.Succeeded)
        {
            return new(user, EmailTaken: false, new Dictionary<string, string[]>());
        }

        if (result.Errors.Any(error => error.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail)))
        {
            return await TakenAsync(address);
        }

        foreach (var error in result.Errors)
        {
            var field = error.Code.StartsWith("Password", StringComparison.Ordinal) || error.Code == CommonPasswordValidator.ErrorCode
                ? PasswordField
                : EmailField;
            Add(errors, field, error.Description);
        }

        return Failed(errors);
    }

    private async Task<RegistrationOutcome> TakenAsync(string address)
    {
        await throttle.RecordFailureAsync(address, options.Value.FailedSignInsPerClientAddress);
        return new(null, EmailTaken: true, new Dictionary<string, string[]>());
    }

    private static RegistrationOutcome Failed(Dictionary<string, List<string>> errors) =>
        new(null, EmailTaken: false, errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray()));

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }
}
