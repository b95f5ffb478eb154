using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AudioPlatform.Identity.Infrastructure;

/// <summary>
/// OpenIddict's token manager, through which every revocation goes (the revocation endpoint, a spent refresh token or
/// code presented again, an operator's revocation by user or client), announcing what it revoked to the other services
/// (<see cref="RevocationAnnouncer"/>). Revoking a refresh token ends its whole sign-in: the web app's sign-out and the
/// command-line tool's logout revoke the refresh token, and the access tokens issued with it must stop too.
/// </summary>
public sealed class RevocationAnnouncingTokenManager<TToken>(
    IOpenIddictTokenCache<TToken> cache,
    ILogger<OpenIddictTokenManager<TToken>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictTokenStore<TToken> store,
    IOpenIddictAuthorizationManager authorizations,
    RevocationAnnouncer announcer)
    : OpenIddictTokenManager<TToken>(cache, logger, options, store) where TToken : class
{
    public override async ValueTask<bool> TryRevokeAsync(TToken token, CancellationToken cancellationToken = default)
    {
        if (await HasTypeAsync(token, TokenTypeIdentifiers.RefreshToken, cancellationToken)
            && await GetAuthorizationIdAsync(token, cancellationToken) is { Length: > 0 } authorizationId)
        {
            await RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
            return true;
        }

        if (!await base.TryRevokeAsync(token, cancellationToken))
        {
            return false;
        }

        await AnnounceAsync([token], cancellationToken);
        return true;
    }

    public override async ValueTask<long> RevokeByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken = default)
    {
        var count = await base.RevokeByAuthorizationIdAsync(identifier, cancellationToken);
        if (count == 0)
        {
            return count;
        }

        var authorization = await authorizations.FindByIdAsync(identifier, cancellationToken);
        var userId = authorization is null ? null : await authorizations.GetSubjectAsync(authorization, cancellationToken);
        await announcer.SignInRevokedAsync(identifier, userId);
        return count;
    }

    public override async ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken = default)
    {
        var affected = await ValidTokensAsync(FindBySubjectAsync(subject, cancellationToken), cancellationToken);
        var count = await base.RevokeBySubjectAsync(subject, cancellationToken);
        await AnnounceAsync(affected, cancellationToken);
        return count;
    }

    public override async ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken = default)
    {
        var affected = await ValidTokensAsync(FindByApplicationIdAsync(identifier, cancellationToken), cancellationToken);
        var count = await base.RevokeByApplicationIdAsync(identifier, cancellationToken);
        await AnnounceAsync(affected, cancellationToken);
        return count;
    }

    public override async ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken = default)
    {
        var affected = await ValidTokensAsync(FindAsync(subject, client, status, type, cancellationToken), cancellationToken);
        var count = await base.RevokeAsync(subject, client, status, type, cancellationToken);
        await AnnounceAsync(affected, cancellationToken);
        return count;
    }

    private async Task<List<TToken>> ValidTokensAsync(IAsyncEnumerable<TToken> tokens, CancellationToken cancellationToken)
    {
        var valid = new List<TToken>();
        await foreach (var token in tokens.WithCancellation(cancellationToken))
        {
            if (await HasStatusAsync(token, Statuses.Valid, cancellationToken))
            {
                valid.Add(token);
            }
        }

        return valid;
    }

    /// <summary>
    /// One event per sign-in whose refresh token is among <paramref name="revoked"/> (it has ended), and one per other
    /// access token (only that token was revoked).
    /// </summary>
    private async Task AnnounceAsync(IReadOnlyList<TToken> revoked, CancellationToken cancellationToken)
    {
        var endedSignIns = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var token in revoked)
        {
            if (await HasTypeAsync(token, TokenTypeIdentifiers.RefreshToken, cancellationToken)
                && await GetAuthorizationIdAsync(token, cancellationToken) is { Length: > 0 } authorizationId)
            {
                endedSignIns.TryAdd(authorizationId, await GetSubjectAsync(token, cancellationToken));
            }
        }

        foreach (var token in revoked)
        {
            if (await HasTypeAsync(token, TokenTypeIdentifiers.AccessToken, cancellationToken)
                && !endedSignIns.ContainsKey(await GetAuthorizationIdAsync(token, cancellationToken) ?? "")
                && await GetIdAsync(token, cancellationToken) is { } tokenId
                && await GetExpirationDateAsync(token, cancellationToken) is { } expiresAt)
            {
                await announcer.AccessTokenRevokedAsync(tokenId, expiresAt, await GetSubjectAsync(token, cancellationToken));
            }
        }

        foreach (var (authorizationId, subject) in endedSignIns)
        {
            await announcer.SignInRevokedAsync(authorizationId, subject);
        }
    }
}
