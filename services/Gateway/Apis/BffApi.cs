using AudioPlatform.Gateway.Bff;
using AudioPlatform.Gateway.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Gateway.Apis;

/// <summary>
/// The web app's sign-in and sign-out. Everything else of <c>/api/v1/auth</c> (<c>me</c>,
/// <c>register</c>) is Identity's, reached through the proxy with the session's token.
/// </summary>
public static class BffApi
{
    public static RouteGroupBuilder MapBffApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Web session");

        group.MapGet("/login", Login)
            .WithName("Login")
            .WithSummary("Starts the web sign-in (OpenID Connect code + PKCE at Identity), then returns to returnUrl, a path of this site.")
            .WithDescription("For browsers: redirects to Identity's sign-in page, then back with the `audioplatform.session` cookie set. Scripts use a bearer token instead.")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/logout", Logout)
            .WithName("Logout")
            .WithSummary("Revokes the session's tokens at Identity, ends the session, then ends Identity's sign-in.")
            .WithDescription("Needs the header `X-CSRF: 1`. With a session: a redirect to Identity's end-session endpoint; without one: 204.")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return group;
    }

    public static async Task<Results<ChallengeHttpResult, RedirectHttpResult, ProblemHttpResult>> Login(
        HttpContext context, IOptions<BffOptions> options, string? returnUrl = null)
    {
        if (!options.Value.SignInConfigured)
        {
            return TypedResults.Problem(
                title: "Web sign-in is not configured.",
                detail: "Bff:ClientSecret is not set on the Gateway (it is Identity's Identity:Clients:SpaBff:ClientSecret).",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var target = LocalReturnUrl(returnUrl);
        if ((await context.AuthenticateAsync(BffSchemes.Session)).Succeeded)
        {
            return TypedResults.LocalRedirect(target);
        }

        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = target }, [BffSchemes.OpenIdConnect]);
    }

    /// <summary>
    /// A redirect to Identity's end session endpoint (with the id token as hint, so it signs out at
    /// once), which comes back to <c>/</c>: following it ends the sign-in at Identity too, so the next
    /// sign-in asks for the password again. Without a session: 204.
    /// </summary>
    public static async Task<Results<SignOutHttpResult, NoContent, ProblemHttpResult>> Logout(
        HttpContext context, SessionTokens tokens, IOptions<BffOptions> options)
    {
        if (context.Request.Headers[BffSchemes.AntiforgeryHeader] != BffSchemes.AntiforgeryHeaderValue)
        {
            return TypedResults.Problem(
                title: "The antiforgery header is missing.",
                detail: $"Sign-out needs the header {BffSchemes.AntiforgeryHeader}: {BffSchemes.AntiforgeryHeaderValue}.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var session = await context.AuthenticateAsync(BffSchemes.Session);
        await context.SignOutAsync(BffSchemes.Session);
        if (!session.Succeeded || session.Properties is null)
        {
            return TypedResults.NoContent();
        }

        await tokens.RevokeAsync(session.Properties, context.RequestAborted);
        if (!options.Value.SignInConfigured)
        {
            return TypedResults.NoContent();
        }

        var endSession = new AuthenticationProperties { RedirectUri = "/" };
        endSession.Items[SessionTokens.IdToken] = session.Properties.GetTokenValue(SessionTokens.IdToken);
        return TypedResults.SignOut(endSession, [BffSchemes.OpenIdConnect]);
    }

    /// <summary>
    /// Only a path of this site: anything absolute, protocol-relative (<c>//host</c>) or with a
    /// backslash trick (<c>/\host</c>) becomes <c>/</c>, so the sign-in cannot be used to send anyone elsewhere.
    /// </summary>
    public static string LocalReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl)
            ? url
            : "/";
}
