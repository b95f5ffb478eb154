using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AudioPlatform.Identity.Infrastructure;

/// <summary>What a registration attempt came to: a user, an address already taken, or errors per field.</summary>
public sealed record RegistrationOutcome(ApplicationUser? User, bool EmailTaken, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => User is not null;
}

/// <summary>One registration path for the page and the API, so both refuse the same things.</summary>
public sealed class UserRegistration(UserManager<ApplicationUser> users)
{
    public const string EmailField = "email";
    public const string PasswordField = "password";

    /// <summary>Long passphrases are welcome (ASVS asks for at least 64); this only bounds the hashing work.</summary>
    public const int MaxPasswordLength = 256;

    public async Task<RegistrationOutcome> RegisterAsync(string? email, string? password)
    {
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
            return new(null, EmailTaken: true, new Dictionary<string, string[]>());
        }

        if (result.Succeeded)
        {
            return new(user, EmailTaken: false, new Dictionary<string, string[]>());
        }

        if (result.Errors.Any(error => error.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail)))
        {
            return new(null, EmailTaken: true, new Dictionary<string, string[]>());
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
