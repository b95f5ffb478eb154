using AudioPlatform.Gateway.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

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

    /// <summary>
    /// The proxy with one step after it: a request body Kestrel refused while YARP forwarded it (too large, or arriving
    /// slower than the minimum rate) is answered with that status and a problem saying which limit, not YARP's bare 400.
    /// </summary>
    public static IEndpointConventionBuilder MapReverseProxyWithClearErrors(this WebApplication app) =>
        app.MapReverseProxy(proxy => proxy.Use(async (context, next) =>
        {
            await next();
            if (context.Response.HasStarted
                || context.GetForwarderErrorFeature()?.Exception is not { } error
                || Refusal(error) is not { } refused)
            {
                return;
            }

            var limits = context.RequestServices.GetRequiredService<IOptions<ConnectionLimitsOptions>>().Value;
            context.Response.Clear();
            context.Response.StatusCode = refused.StatusCode;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = refused.StatusCode,
                    Title = refused.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Request too slow",
                    Detail = refused.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? $"The request body is larger than this call accepts ({context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? limits.MaxRequestBodyBytes} bytes)."
                        : $"The request body arrived slower than {limits.MinRequestBodyBytesPerSecond} bytes per second; send it again on a better connection.",
                },
            });
        }));

    private static Microsoft.AspNetCore.Http.BadHttpRequestException? Refusal(Exception error)
    {
        for (Exception? cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge or StatusCodes.Status408RequestTimeout } refused)
            {
                return refused;
            }
        }

        return null;
    }

    public static IApplicationBuilder UseResponseCompressionForText(this IApplicationBuilder app) =>
        app.UseWhen(
            context => !NeverCompressed.Any(path => context.Request.Path.StartsWithSegments(path)),
            branch => branch.UseResponseCompression());
}
