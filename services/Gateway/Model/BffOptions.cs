using System.ComponentModel.DataAnnotations;
using AudioPlatform.ServiceDefaults;

namespace AudioPlatform.Gateway.Model;

/// <summary>
/// The <c>Bff</c> section: the Gateway as the web app's backend-for-frontend, an OpenID Connect
/// client (<c>spa-bff</c>) of Identity that keeps the user's tokens server-side.
/// </summary>
public sealed class BffOptions
{
    public const string SectionName = "Bff";

    /// <summary>Where the discovery document, token and revocation endpoints are reached: Identity itself, by service discovery.</summary>
    [Required]
    [Url]
    public string Authority { get; set; } = $"http://{ResourceNames.Identity}/";

    [Required]
    public string ClientId { get; set; } = "spa-bff";

    /// <summary>
    /// Identity's <c>Identity:Clients:SpaBff:ClientSecret</c>. Not set: the Gateway still proxies
    /// (bearer tokens pass), but the web sign-in answers 503.
    /// </summary>
    [MinLength(32)]
    public string? ClientSecret { get; set; }

    /// <summary>The access token is renewed with the refresh token once it has less than this left.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Absolute: a web session ends this long after sign-in, whatever the activity (like Identity's
    /// own cookie). Not sliding, so that only the token refresh ever rewrites a stored session.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "14.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    [Required]
    [RegularExpression("^[A-Za-z0-9._-]+$")]
    public string CookieName { get; set; } = Microsoft.Extensions.Hosting.OpenApiExtensions.SessionCookieName;

    public bool SignInConfigured => !string.IsNullOrEmpty(ClientSecret);
}
