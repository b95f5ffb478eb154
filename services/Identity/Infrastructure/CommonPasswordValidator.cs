using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore.Identity;

namespace AudioPlatform.Identity.Infrastructure;

/// <summary>
/// Refuses the passwords attackers try first (ASVS 5 V6.2.4). The list ships with the service:
/// <c>common-passwords.txt</c>, whose header names its source.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const string ErrorCode = "CommonPassword";

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(Load);

    public static bool IsCommon(string password) => CommonPasswords.Value.Contains(password.Trim());

    /// <summary>The listed passwords of at least <paramref name="length"/> characters, in lower case (the comparison ignores case).</summary>
    public static IEnumerable<string> AtLeast(int length) =>
        CommonPasswords.Value.Where(password => password.Length >= length).Select(password => password.ToLowerInvariant()).Distinct();

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "This password is one of the most common passwords. Choose one that is harder to guess.",
            })
            : IdentityResult.Success);

    private static HashSet<string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Infrastructure", "common-passwords.txt");
        return File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
