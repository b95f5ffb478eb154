namespace AudioPlatform.Gateway.Extensions;

/// <summary>
/// Headers on every response, errors and proxied answers included. A service's own header of the same
/// name wins (Identity's pages set a stricter policy of their own).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// For the React SPA as Vite builds it: scripts and styles from files of this site only (no inline
    /// script, no eval), media and images also from blob: (waveforms, previews), API and WebSocket
    /// calls to this site only, no plugins, never framed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    private static readonly KeyValuePair<string, string>[] Headers =
    [
        new("Content-Security-Policy", ContentSecurityPolicy),
        new("X-Content-Type-Options", "nosniff"),
        new("X-Frame-Options", "DENY"),
        // Track ids in paths are nobody else's business, not even the origin of a link followed.
        new("Referrer-Policy", "same-origin"),
        new("Cross-Origin-Opener-Policy", "same-origin"),
        new("Permissions-Policy", "camera=(), geolocation=(), microphone=(), payment=(), usb=()"),
    ];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            foreach (var (name, value) in Headers)
            {
                headers.TryAdd(name, value);
            }

            if (context.Request.IsHttps)
            {
                headers.TryAdd("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
