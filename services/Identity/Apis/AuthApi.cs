using System.Security.Claims;
using AudioPlatform.Identity.Extensions;
using AudioPlatform.Identity.Infrastructure;
using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AudioPlatform.Identity.Apis;

public sealed record RegisterRequest(string? Email, string? Password);

public sealed record UserDto(string Id, string Email);

/// <summary><c>/api/v1/auth</c>: registration beside the hosted page, and who the bearer is.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");

        group.MapPost("/register", Register)
            .WithName("Register")
            .WithSummary("Creates an account. The email address is the user name.")
            .WithDescription("""
                Body: `{ "email": "ada@example.com", "password": "a long passphrase" }`. Passwords have at least 10 characters
                and are not among the 10,000 most common. 400 lists the errors per field, 409 when the address is taken,
                429 (with `Retry-After`) after too many attempts from one address: each 409 counts towards that address's
                limit of refused attempts, as failed sign-ins do. Then sign in with the device flow or the web app.
                """)
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/signout-everywhere", SignOutEverywhere)
            .WithName("SignOutEverywhere")
            .WithSummary("Ends every session of the signed-in user, on every device.")
            .WithDescription("""
                Revokes all of the user's refresh and access tokens and changes the security stamp, so that no token
                issued before can be refreshed and Identity's own sign-in cookie ends too. Services that validate access
                tokens locally accept one until it expires (15 minutes at most). Answers 204; sign in again afterwards.
                """)
            .RequireAuthorization(Extensions.Extensions.ApiPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/me", Me)
            .WithName("Me")
            .WithSummary("The signed-in user, from the bearer token.")
            .RequireAuthorization(Extensions.Extensions.ApiPolicy);

        return group;
    }

    public static async Task<Results<Created<UserDto>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest? request, UserRegistration registration, HttpContext context)
    {
        var outcome = await registration.RegisterAsync(request?.Email, request?.Password, context.Connection.RemoteIpAddress);
        if (outcome.User is { } user)
        {
            return TypedResults.Created("/api/v1/auth/me", new UserDto(user.Id, user.Email!));
        }

        if (outcome.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = SignInThrottle.RetryAfterHeader(wait);
            return TypedResults.Problem(
                title: "Too many attempts.",
                detail: $"Too many refused sign-ins or registrations from this address. Try again in {SignInThrottle.Describe(wait)}.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        if (outcome.EmailTaken)
        {
            return TypedResults.Problem(
                title: "An account with this email address already exists.",
                detail: "Sign in instead, or use another email address.",
                statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.ValidationProblem(outcome.Errors, title: "The registration is not valid.");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SignOutEverywhere(
        ClaimsPrincipal principal, UserManager<ApplicationUser> users, IOpenIddictAuthorizationManager authorizations,
        IOpenIddictTokenManager tokens, CancellationToken cancellationToken)
    {
        var user = principal.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (user is null)
        {
            return TypedResults.Problem(title: "The account no longer exists.", statusCode: StatusCodes.Status401Unauthorized);
        }

        // The new stamp refuses every code and refresh token issued before (they carry the old one), even
        // one the token store no longer knows; the revocations make the access tokens fail at Identity at once.
        await users.UpdateSecurityStampAsync(user);
        await authorizations.RevokeBySubjectAsync(user.Id, cancellationToken);
        await tokens.RevokeBySubjectAsync(user.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<UserDto>, ProblemHttpResult>> Me(ClaimsPrincipal principal, UserManager<ApplicationUser> users)
    {
        var user = principal.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        return user is null
            ? TypedResults.Problem(title: "The account no longer exists.", statusCode: StatusCodes.Status401Unauthorized)
            : TypedResults.Ok(new UserDto(user.Id, user.Email!));
    }
}
