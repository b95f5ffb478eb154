using AudioPlatform.Gateway.Model;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Gateway.Extensions;

/// <summary>
/// What every client connection gets at the door: Kestrel's size and time limits (<see cref="ConnectionLimitsOptions"/>)
/// and Brotli or Gzip for text, the proxied services' answers included.
/// </summary>
internal static class HttpBehaviour
{
    /// <summary>
    /// JSON (problem details included), the SPA's HTML, scripts and styles, SVG. Not audio, PNG or anything else
    /// already compressed: the types are an allow-list, so those are never in it.
    /// </summary>
    public static readonly string[] CompressedTypes =
        [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json", "image/svg+xml"];

    /// <summary>
    /// Identity's pages put antiforgery tokens next to what the user typed: compressed over TLS that is what BREACH
    /// reads secrets from. The API's answers hold no secret (the session's tokens never leave the Gateway).
    /// </summary>
    private static readonly PathString[] NeverCompressed = ["/account", "/connect"];

    public static void AddHttpBehaviour(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConnectionLimitsOptions>()
            .BindConfiguration(ConnectionLimitsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ConnectionLimitsOptions>>((kestrel, options) =>
        {
            var limits = options.Value;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinRequestBodyBytesPerSecond, limits.MinRequestBodyGracePeriod);
            kestrel.Limits.MinResponseDataRate = new MinDataRate(limits.MinResponseBytesPerSecond, limits.MinResponseGracePeriod);
            kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = limits.KeepAliveTimeout;
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
        });

        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = CompressedTypes;
        });
    }

    public static IApplicationBuilder UseResponseCompressionForText(this IApplicationBuilder app) =>
        app.UseWhen(
            context => !NeverCompressed.Any(path => context.Request.Path.StartsWithSegments(path)),
            branch => branch.UseResponseCompression());
}
