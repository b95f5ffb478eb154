using Microsoft.AspNetCore.Identity;

namespace AudioPlatform.Identity.Model;

/// <summary>A person who signs in. The email address is the user name.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
