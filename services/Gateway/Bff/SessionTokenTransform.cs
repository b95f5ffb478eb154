using System.Net.Http.Headers;
using AudioPlatform.Gateway.Model;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace AudioPlatform.Gateway.Bff;

/// <summary>
/// On every proxied request: the Gateway's session cookie stays at the Gateway (the services have no
/// use for it), and an API request of a web session is sent on with the session's access token as
/// <c>Authorization: Bearer</c>. A request that brings its own Authorization header (the CLI, scripts)
/// passes untouched.
/// </summary>
public sealed class SessionTokenTransform(IOptions<BffOptions> options) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.AddRequestTransform(async transform =>
    {
        RemoveSessionCookie(transform.ProxyRequest, options.Value.CookieName);

        var request = transform.HttpContext.Request;
        if (!request.Path.StartsWithSegments("/api") || request.Headers.Authorization.Count > 0)
        {
            return;
        }

        var tokens = transform.HttpContext.RequestServices.GetRequiredService<SessionTokens>();
        if (await tokens.GetAccessTokenAsync(transform.HttpContext) is { } accessToken)
        {
            transform.ProxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
    });

    internal static void RemoveSessionCookie(HttpRequestMessage proxyRequest, string cookieName)
    {
        if (!proxyRequest.Headers.TryGetValues("Cookie", out var headers))
        {
            return;
        }

        // Chunked cookies are named <name>C1, <name>C2…; the session cookie is small, but be thorough.
        var kept = headers
            .SelectMany(header => header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(cookie => !cookie.StartsWith(cookieName + "=", StringComparison.Ordinal)
                && !(cookie.StartsWith(cookieName + "C", StringComparison.Ordinal) && cookie.Contains('=')))
            .ToList();
        proxyRequest.Headers.Remove("Cookie");
        if (kept.Count > 0)
        {
            proxyRequest.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", kept));
        }
    }
}
