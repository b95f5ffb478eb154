using System.ComponentModel.DataAnnotations;

namespace AudioPlatform.Gateway.Model;

/// <summary>
/// The <c>Cors</c> section. Empty by default: the SPA is served by the Gateway itself, so no other
/// origin needs to read its answers. Listed origins may call with credentials (the session cookie).
/// </summary>
public sealed class CorsAllowListOptions : IValidatableObject
{
    public const string SectionName = "Cors";

    public List<string> AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins)
        {
            if (origin.Contains('*', StringComparison.Ordinal))
            {
                // Allowed origins may call with the session cookie: a wildcard would hand any site the user's session.
                yield return new ValidationResult($"{SectionName}:{nameof(AllowedOrigins)}: '{origin}' is a wildcard; list each origin that may call.", [nameof(AllowedOrigins)]);
                continue;
            }

            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/'))
            {
                yield return new ValidationResult($"{SectionName}:{nameof(AllowedOrigins)}: '{origin}' is not an origin (scheme://host[:port], no path).", [nameof(AllowedOrigins)]);
            }
        }
    }
}
