using System.Security.Claims;
using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AudioPlatform.Identity.Apis;

/// <summary>
/// The OpenID Connect endpoints OpenIddict passes through to the application: it has validated
/// the request (client, redirect URI, PKCE, grant) before any of these run.
/// </summary>
public static class ConnectApi
{
    public static RouteGroupBuilder MapConnectApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/connect").WithTags("OpenID Connect").ExcludeFromDescription();

        group.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize).WithName("Authorize");
        group.MapPost("/token", Exchange).WithName("Token");
        group.MapMethods("/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfo).WithName("UserInfo");
        group.MapMethods("/endsession", [HttpMethods.Get, HttpMethods.Post], EndSession).WithName("EndSession");
        return group;
    }

    private static async Task<IResult> Authorize(HttpContext context, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal) : null;
        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            }

            // Back to this same request once signed in (prompt=login dropped, or it would loop).
            var parameters = context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList();
            parameters.RemoveAll(parameter => parameter.Key == Parameters.Prompt);
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        // Only a lockout an operator set: failed passwords never lock the account itself.
        if (!await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            return Forbid(Errors.AccessDenied, "The user is not allowed to sign in.");
        }

        var identity = await CreateIdentityAsync(users, user, request.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> Exchange(HttpContext context, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType() && !request.IsDeviceCodeGrantType())
        {
            return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
        }

        // The code, refresh token or device code has been validated (and, for a refresh token,
        // rotated) by OpenIddict. The session it belongs to ends when the user is gone or their
        // security stamp changed (sign-out everywhere): not because someone has been guessing the
        // password, which only slows new sign-ins (SignInThrottle) and must not evict the owner.
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (await signIn.ValidateSecurityStampAsync(result.Principal) is not { } user)
        {
            return Forbid(Errors.InvalidGrant, "The session has ended: sign in again.");
        }

        var identity = await CreateIdentityAsync(users, user, result.Principal!.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> UserInfo(HttpContext context, UserManager<ApplicationUser> users)
    {
        var principal = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var user = principal?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (principal is null || user is null)
        {
            return Results.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The access token does not belong to a user any more.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (principal.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = user.Email!;
            claims[Claims.EmailVerified] = user.EmailConfirmed;
        }

        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.UserName!;
        }

        return Results.Ok(claims);
    }

    /// <summary>
    /// Signs out at once when the client names the session (a valid <c>id_token_hint</c>, checked by
    /// OpenIddict); otherwise only after the user confirms on a form, so that no other site can sign
    /// anyone out with a link.
    /// </summary>
    private static async Task<IResult> EndSession(HttpContext context, SignInManager<ApplicationUser> signIn, IAntiforgery antiforgery)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var confirmed = HttpMethods.IsPost(context.Request.Method) && await antiforgery.IsRequestValidAsync(context);
        if (string.IsNullOrEmpty(request.IdTokenHint) && !confirmed)
        {
            var parameters = request.GetParameters()
                .Where(parameter => parameter.Key != "__RequestVerificationToken")
                .Select(parameter => KeyValuePair.Create(parameter.Key, (string?)parameter.Value.ToString()));
            return Results.Redirect("/account/signout" + QueryString.Create(parameters));
        }

        await signIn.SignOutAsync();

        // OpenIddict redirects to the client's post_logout_redirect_uri when one was given and registered.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/account/signedout" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    internal static async Task<ClaimsIdentity> CreateIdentityAsync(UserManager<ApplicationUser> users, ApplicationUser user, IEnumerable<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        var securityStamp = users.Options.ClaimsIdentity.SecurityStampClaimType;
        identity.SetClaim(Claims.Subject, await users.GetUserIdAsync(user))
            .SetClaim(Claims.Email, await users.GetEmailAsync(user))
            .SetClaim(Claims.Name, await users.GetUserNameAsync(user))
            // No destination: kept only in the codes and refresh tokens Identity reads back, and compared at each exchange.
            .SetClaim(securityStamp, await users.GetSecurityStampAsync(user));

        string[] known = [Scopes.OpenId, Scopes.Email, Scopes.Profile, Scopes.OfflineAccess, PlatformScopes.Api];
        identity.SetScopes(requestedScopes.Intersect(known, StringComparer.Ordinal));
        identity.SetResources(PlatformAuthentication.Audience);
        identity.SetDestinations(claim => claim.Type == securityStamp ? [] : claim.Type switch
        {
            Claims.Email when identity.HasScope(Scopes.Email) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Name when identity.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
