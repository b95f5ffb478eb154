using AudioPlatform.Identity.Infrastructure;
using AudioPlatform.Identity.Model;
using AudioPlatform.ServiceDefaults;
using Npgsql;

namespace AudioPlatform.Identity.Extensions;

/// <summary>What Identity refuses in Production: see docs/operations.md.</summary>
internal static class ProductionRules
{
    private const string Section = IdentityServiceOptions.SectionName;

    public static IEnumerable<UnsafeSetting> UnsafeIdentitySettings(IdentityServiceOptions options)
    {
        if (options.AllowInsecureHttp)
        {
            yield return new UnsafeSetting($"{Section}:{nameof(options.AllowInsecureHttp)}",
                "is true: sign-in and tokens are served over plain http (OpenIddict's transport security requirement is off). " +
                "Serve Identity over https (TLS in front) and remove the setting.");
        }

        foreach (var problem in ProductionSafetyExtensions.RequireHttps($"{Section}:{nameof(options.Issuer)}", options.Issuer,
                     "the issuer is the public address where browsers send passwords and receive tokens."))
        {
            yield return problem;
        }

        if (options.SigningCertificates.Count == 0)
        {
            yield return new UnsafeSetting($"{Section}:{nameof(options.SigningCertificates)}",
                "is empty: tokens would be signed with a certificate generated on this machine, as in development. " +
                "Configure PFX files (Path, Password), the same on every Identity instance.");
        }

        if (options.EncryptionCertificates.Count == 0)
        {
            yield return new UnsafeSetting($"{Section}:{nameof(options.EncryptionCertificates)}",
                "is empty: tokens would be encrypted with a certificate generated on this machine, as in development. " +
                "Configure PFX files (Path, Password), the same on every Identity instance.");
        }

        // The Gateway's client exists only with its secret; then authorization codes travel to these addresses.
        if (options.Clients.SpaBff.ClientSecret is { Length: > 0 })
        {
            var client = $"{Section}:{nameof(options.Clients)}:{nameof(options.Clients.SpaBff)}";
            foreach (var (name, uris) in new[]
                     {
                         (nameof(SpaBffClientOptions.RedirectUris), options.Clients.SpaBff.RedirectUris),
                         (nameof(SpaBffClientOptions.PostLogoutRedirectUris), options.Clients.SpaBff.PostLogoutRedirectUris),
                     })
            {
                for (var index = 0; index < uris.Count; index++)
                {
                    foreach (var problem in ProductionSafetyExtensions.RequireHttps($"{client}:{name}:{index}", uris[index],
                                 "authorization codes and sessions would travel in clear text."))
                    {
                        yield return problem;
                    }
                }
            }
        }
    }

    /// <summary>The PostgreSQL images' customary password; a production server has one of its own.</summary>
    public static IEnumerable<UnsafeSetting> DefaultDatabasePassword(DatabaseProvider database)
    {
        if (database.Kind == DatabaseKind.PostgreSql
            && new NpgsqlConnectionStringBuilder(database.ConnectionString).Password is "postgres")
        {
            yield return new UnsafeSetting($"ConnectionStrings:{ResourceNames.IdentityDatabase}",
                "uses the password 'postgres'. Give the identity database a password of its own.");
        }
    }
}
