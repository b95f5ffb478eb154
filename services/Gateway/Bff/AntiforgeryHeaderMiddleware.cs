using AudioPlatform.Gateway.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Gateway.Bff;

/// <summary>
/// Cross-site request forgery, refused at the door: an API request that would change something and
/// rides on the session cookie must carry <c>X-CSRF: 1</c> (which a foreign page cannot add without
/// a CORS preflight the Gateway refuses), and a WebSocket opened with the session cookie must come
/// from the Gateway's own origin or an allowed one. Requests with their own Authorization header
/// carry no ambient credential and pass.
/// </summary>
public sealed class AntiforgeryHeaderMiddleware(RequestDelegate next, IOptions<BffOptions> bff, IOptions<CorsAllowListOptions> cors)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var request = context.Request;
        var usesSessionCookie = request.Cookies.ContainsKey(bff.Value.CookieName) && request.Headers.Authorization.Count == 0;
        if (!usesSessionCookie || !request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        if (!IsSafe(request.Method) && request.Headers[BffSchemes.AntiforgeryHeader] != BffSchemes.AntiforgeryHeaderValue)
        {
            await RefuseAsync(context, problems, "The antiforgery header is missing.",
                $"Requests that change something with the session cookie need the header {BffSchemes.AntiforgeryHeader}: {BffSchemes.AntiforgeryHeaderValue}.");
            return;
        }

        if (IsWebSocketHandshake(context) && !FromAllowedOrigin(request))
        {
            await RefuseAsync(context, problems, "The WebSocket comes from another site.",
                "A WebSocket opened with the session cookie must come from this site.");
            return;
        }

        await next(context);
    }

    /// <summary>
    /// Read from the request itself: the Gateway has no WebSocket middleware (YARP passes the upgrade
    /// through), so <c>HttpContext.WebSockets</c> does not know.
    /// </summary>
    internal static bool IsWebSocketHandshake(HttpContext context) =>
        string.Equals(context.Request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase)
        || (HttpMethods.IsConnect(context.Request.Method)
            && string.Equals(context.Features.Get<IHttpExtendedConnectFeature>()?.Protocol, "websocket", StringComparison.OrdinalIgnoreCase));

    internal static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private bool FromAllowedOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        var own = $"{request.Scheme}://{request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || cors.Value.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);
    }

    private static Task RefuseAsync(HttpContext context, IProblemDetailsService problems, string title, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = title, Detail = detail },
        }).AsTask();
    }
}
