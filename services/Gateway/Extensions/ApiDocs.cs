using System.Security.Cryptography;
using AudioPlatform.ServiceDefaults;
using Scalar.AspNetCore;

namespace AudioPlatform.Gateway.Extensions;

/// <summary>
/// <c>/api/docs</c>: one browsable reference (Scalar) over every OpenAPI document of the platform: the Gateway's
/// own and each service's, which the proxy serves at <c>/api/docs/openapi/{service}.json</c> (routes
/// <c>docs-{service}</c> in appsettings.json).
/// </summary>
internal static class ApiDocs
{
    public const string Path = "/api/docs";
    public const string DocumentPattern = $"{Path}/openapi/{{documentName}}.json";

    /// <summary>The documents in the reference's menu: the Gateway's first, then the services behind it.</summary>
    public static IReadOnlyList<string> Documents { get; } = [ResourceNames.Gateway, .. ResourceNames.Services];

    /// <summary>
    /// The reference page's own policy, stricter than it looks: its one inline script runs only with this response's
    /// nonce, and everything else still comes from this site (Scalar's bundle is served by the Gateway, not a CDN).
    /// Scalar's components set inline styles, hence <c>style-src 'unsafe-inline'</c>, on this page only: the
    /// SPA's pages keep <see cref="SecurityHeaders.ContentSecurityPolicy"/>.
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPattern.Replace("{documentName}", ResourceNames.Gateway, StringComparison.Ordinal));
        app.MapScalarApiReference(Path, (options, context) =>
        {
            // Hex, not base64: Scalar HTML-encodes the attribute, and a '+' written as &#x2B; would no longer match the header byte for byte.
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
            options.WithTitle("AudioPlatform API")
                .WithNonce(nonce)
                .WithOpenApiRoutePattern(DocumentPattern)
                .AddDocuments(Documents.Select((name, index) =>
                    new ScalarDocument(name, $"{char.ToUpperInvariant(name[0])}{name[1..]}", IsDefault: index == 0)))
                .AddPreferredSecuritySchemes(OpenApiExtensions.BearerScheme)
                .DisableDefaultFonts()
                .DisableTelemetry();
        });
        return app;
    }
}
