using System.ComponentModel.DataAnnotations;
using AudioPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;

namespace Microsoft.Extensions.Hosting;

/// <summary>The <c>Authentication</c> section: which tokens a service accepts.</summary>
public sealed class PlatformAuthenticationOptions
{
    public const string SectionName = "Authentication";

    /// <summary>
    /// The issuer tokens must carry: Identity's <c>Identity:Issuer</c>, the Gateway's public address.
    /// In Development it defaults to <see cref="PlatformAuthentication.DevelopmentIssuer"/>, as Identity's does.
    /// </summary>
    [Required(ErrorMessage = "Authentication:Issuer is not set: give every service the issuer Identity is configured with (Identity:Issuer).")]
    [Url]
    public string? Issuer { get; set; }

    /// <summary>Where the discovery document and the signing keys are fetched from: Identity itself, by service discovery.</summary>
    [Required]
    [Url]
    public string Authority { get; set; } = $"http://{ResourceNames.Identity}/";

    /// <summary>The audience tokens must carry.</summary>
    [Required]
    public string Audience { get; set; } = PlatformAuthentication.Audience;

    /// <summary>
    /// How often Identity's whole list of revoked access tokens is fetched again. Revocations arrive over the bus in
    /// seconds; this bounds how long one is missed while the bus is down (or this service was not subscribed yet).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:15:00")]
    public TimeSpan RevocationListRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public static class PlatformAuthentication
{
    /// <summary>The audience of every access token Identity issues: the services behind the Gateway.</summary>
    public const string Audience = "audioplatform-api";

    /// <summary>
    /// The issuer when none is configured in Development: the Gateway's documented address. It is an
    /// identifier both sides agree on; the keys are fetched from Identity directly, whatever it says.
    /// </summary>
    public const string DevelopmentIssuer = "http://localhost:8080/";

    /// <summary>
    /// Identity's list of revoked access tokens that have not expired (<see cref="RevokedAccessToken"/>), relative to
    /// <see cref="PlatformAuthenticationOptions.Authority"/>. Inside the platform only: the Gateway routes no <c>/internal</c> path.
    /// </summary>
    public const string RevocationListPath = "internal/revoked-access-tokens";
}

public static class AuthenticationExtensions
{
    /// <summary>
    /// Bearer-token validation for a service: the JWT's signature (keys from Identity's discovery
    /// document, fetched from <see cref="PlatformAuthenticationOptions.Authority"/>), issuer, audience
    /// and lifetime are checked locally on every request, and the token must not be one Identity has revoked
    /// (<see cref="RevokedAccessTokens"/>, kept up to date by <see cref="RevocationListRefresher"/> and, in a service on
    /// the bus, by the revocation events <see cref="MessagingExtensions.AddMessaging"/> subscribes to). 401 and 403 are answered as problem details
    /// (by the status-code pages of <see cref="ServiceDefaultsExtensions.MapDefaultEndpoints"/>, with
    /// <see cref="UseDefaultAuthentication"/> after them).
    /// Tokens are read from the Authorization header only, never from a query string or a form.
    /// </summary>
    public static IHostApplicationBuilder AddDefaultAuthentication(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(MassTransit.IBus)))
        {
            throw new InvalidOperationException(
                "Call AddDefaultAuthentication before AddMessaging: the messaging set-up subscribes to revocations only in services that validate tokens.");
        }

        var section = builder.Configuration.GetSection(PlatformAuthenticationOptions.SectionName);
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<PlatformAuthenticationOptions>()
            .Bind(section)
            .PostConfigure(options =>
            {
                if (string.IsNullOrEmpty(options.Issuer) && development)
                {
                    options.Issuer = PlatformAuthentication.DevelopmentIssuer;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddProductionRule<PlatformAuthenticationOptions>(options =>
        [
            .. ProductionSafetyExtensions.RequireHttps($"{PlatformAuthenticationOptions.SectionName}:{nameof(options.Issuer)}", options.Issuer,
                "the issuer is the Gateway's public address, where browsers send passwords and receive tokens."),
            // Identity refuses plain-http requests unless its transport security is off, so an http authority
            // means either a service that cannot fetch the keys or an Identity with that protection disabled.
            .. ProductionSafetyExtensions.RequireHttps($"{PlatformAuthenticationOptions.SectionName}:{nameof(options.Authority)}", options.Authority,
                "the signing keys that every token is checked against would be fetched unprotected."),
        ]);

        builder.Services.AddOpenIddict()
            .AddValidation(validation =>
            {
                validation.UseSystemNetHttp();
                validation.AddEventHandler(RefuseRevokedAccessTokens.Descriptor);
                validation.UseAspNetCore()
                    .DisableAccessTokenExtractionFromQueryString()
                    .DisableAccessTokenExtractionFromBodyForm();
            });

        builder.Services.AddOptions<OpenIddict.Validation.OpenIddictValidationOptions>()
            .Configure<IOptions<PlatformAuthenticationOptions>>((validation, platform) =>
            {
                // The issuer is the public address; the keys come from Identity directly (its
                // discovery document lists the endpoints at the address it was asked on).
                var settings = platform.Value;
                if (Uri.TryCreate(settings.Issuer, UriKind.Absolute, out var issuer))
                {
                    validation.Issuer = issuer;
                }

                validation.ConfigurationEndpoint = new Uri(new Uri(settings.Authority, UriKind.Absolute), ".well-known/openid-configuration");
                validation.Audiences.Add(settings.Audience);
            });

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RevokedAccessTokens>();
        builder.Services.AddHttpClient(RevocationListRefresher.ClientName);
        builder.Services.AddHostedService<RevocationListRefresher>();

        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>
    /// Authentication and authorization placed after <see cref="ServiceDefaultsExtensions.MapDefaultEndpoints"/>'s
    /// status-code pages (call it right after), so a 401 or 403 gets its problem-details body: left to the framework,
    /// they would run first in the pipeline and answer with an empty body.
    /// </summary>
    public static WebApplication UseDefaultAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
