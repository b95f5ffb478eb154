using System.ComponentModel.DataAnnotations;

namespace AudioPlatform.Identity.Model;

/// <summary>The <c>Identity</c> configuration section.</summary>
public sealed class IdentityServiceOptions : IValidatableObject
{
    public const string SectionName = "Identity";

    /// <summary>
    /// The issuer every token carries, whichever address a request came in on: the public address of
    /// the Gateway. In Development it defaults to <c>PlatformAuthentication.DevelopmentIssuer</c>.
    /// </summary>
    [Required(ErrorMessage = "Identity:Issuer is not set: the Gateway's public address, e.g. https://audio.example.com/.")]
    public string? Issuer { get; set; }

    /// <summary>Serve OpenID Connect over plain http. For development only: the platform has no TLS yet.</summary>
    public bool AllowInsecureHttp { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Absolute: rotation does not extend it, so a session ends after this at the latest.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Where the signing/encryption certificates and data-protection keys live. Empty: derived from the database.</summary>
    public string? KeyDirectory { get; set; }

    /// <summary>
    /// PFX files the tokens are signed with. Several: all are published for validation and the valid one that expires
    /// last signs, which is how keys are rotated. None: a certificate generated in the key folder (not in Production).
    /// </summary>
    public List<CertificateFileOptions> SigningCertificates { get; set; } = [];

    /// <summary>PFX files the tokens Identity reads back (refresh tokens, codes) are encrypted with; as <see cref="SigningCertificates"/>.</summary>
    public List<CertificateFileOptions> EncryptionCertificates { get; set; } = [];

    /// <summary>Failed sign-ins with one email address (an account or not) before new sign-ins with it are refused for a while.</summary>
    [Range(3, 20)]
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>
    /// The first wait after too many failures; each further failure doubles the next one. Only new sign-ins
    /// wait: sessions and refresh tokens already issued keep working.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest wait the doubling reaches.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan MaxLockoutDuration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Failed sign-ins (with any address) and registrations of a taken address from one client address
    /// (an IPv6 client by its /64) before that client waits like a locked account.
    /// </summary>
    [Range(3, 100_000)]
    public int FailedSignInsPerClientAddress { get; set; } = 30;

    /// <summary>Sign-in and registration form posts allowed per client IP and minute; then 429 with Retry-After.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    [Required]
    public ClientOptions Clients { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Issuer) && !Uri.TryCreate(Issuer, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Identity:Issuer must be an absolute URI.", [nameof(Issuer)]);
        }

        if (MaxLockoutDuration < LockoutDuration)
        {
            yield return new ValidationResult("Identity:MaxLockoutDuration must not be shorter than Identity:LockoutDuration.", [nameof(MaxLockoutDuration)]);
        }

        if (Clients.SpaBff.ClientSecret is { Length: > 0 and < 32 })
        {
            yield return new ValidationResult("Identity:Clients:SpaBff:ClientSecret must have at least 32 characters.", [nameof(Clients)]);
        }

        foreach (var (list, certificates) in new[] { (nameof(SigningCertificates), SigningCertificates), (nameof(EncryptionCertificates), EncryptionCertificates) })
        {
            for (var index = 0; index < certificates.Count; index++)
            {
                if (string.IsNullOrWhiteSpace(certificates[index].Path) || !File.Exists(certificates[index].Path))
                {
                    yield return new ValidationResult($"Identity:{list}:{index}:Path: '{certificates[index].Path}' is not a file.", [list]);
                }
            }
        }

        foreach (var uri in Clients.SpaBff.RedirectUris.Concat(Clients.SpaBff.PostLogoutRedirectUris))
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out _))
            {
                yield return new ValidationResult($"Identity:Clients:SpaBff: '{uri}' is not an absolute URI.", [nameof(Clients)]);
            }
        }
    }
}

/// <summary>A certificate with its private key in a PKCS#12 (PFX) file.</summary>
public sealed class CertificateFileOptions
{
    public string? Path { get; set; }

    /// <summary>The file's password; none when the file has none.</summary>
    public string? Password { get; set; }
}

public sealed class ClientOptions
{
    public SpaBffClientOptions SpaBff { get; set; } = new();

    public CliClientOptions Cli { get; set; } = new();
}

/// <summary>The Gateway as the web app's backend-for-frontend: confidential, code + PKCE.</summary>
public sealed class SpaBffClientOptions
{
    [Required]
    public string ClientId { get; set; } = "spa-bff";

    /// <summary>Not set: the client is not registered (the Gateway cannot sign users in yet).</summary>
    public string? ClientSecret { get; set; }

    public List<string> RedirectUris { get; set; } = [];

    public List<string> PostLogoutRedirectUris { get; set; } = [];
}

/// <summary>The command-line tool: public, device flow and refresh tokens.</summary>
public sealed class CliClientOptions
{
    [Required]
    public string ClientId { get; set; } = "audioplatform-cli";
}
