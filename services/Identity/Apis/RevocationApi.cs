using AudioPlatform.Identity.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AudioPlatform.Identity.Apis;

/// <summary>
/// The access tokens revoked before their expiry, for the services that validate tokens locally: fetched at their start
/// and every minute or so (<c>RevocationListRefresher</c>), besides the events announced on the bus. Inside the platform
/// only (the Gateway routes no <c>/internal</c> path); it names token ids and expiry dates, never a token.
/// </summary>
public static class RevocationApi
{
    public static IEndpointConventionBuilder MapRevocationApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/" + PlatformAuthentication.RevocationListPath, ListRevokedAccessTokens)
            .WithName("RevokedAccessTokens")
            .ExcludeFromDescription();

    public static async Task<Ok<RevokedAccessToken[]>> ListRevokedAccessTokens(IdentityStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var revoked = await store.Set<OpenIddictEntityFrameworkCoreToken>()
            .AsNoTracking()
            .Where(token => token.Type == TokenTypeIdentifiers.AccessToken && token.Status == Statuses.Revoked && token.ExpirationDate > now)
            .Select(token => new { token.Id, token.ExpirationDate })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(revoked
            .Select(token => new RevokedAccessToken(token.Id!, new DateTimeOffset(DateTime.SpecifyKind(token.ExpirationDate!.Value, DateTimeKind.Utc))))
            .ToArray());
    }
}
