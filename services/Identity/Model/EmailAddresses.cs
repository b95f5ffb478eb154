using System.Net.Mail;

namespace AudioPlatform.Identity.Model;

public static class EmailAddresses
{
    /// <summary>A plain <c>name@domain.tld</c> address: no display name, no spaces, a dot in the domain.</summary>
    public static bool IsValid(string? email) =>
        email is { Length: >= 5 and <= 254 }
        && !email.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.')
        && !address.Host.StartsWith('.')
        && !address.Host.EndsWith('.');
}
