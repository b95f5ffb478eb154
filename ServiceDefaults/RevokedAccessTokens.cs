using System.Collections.Concurrent;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace Microsoft.Extensions.Hosting;

/// <summary>What a revocation reached: one access token, or every token of a sign-in (an OpenIddict authorization).</summary>
public enum RevocationScope
{
    /// <summary>The access token itself was revoked (RFC 7009).</summary>
    Token,

    /// <summary>The sign-in ended: sign-out, a revoked refresh token, or a spent refresh token or code presented again.</summary>
    SignIn,
}

/// <summary>A revocation this service has just learnt of: the token or authorization id, and the user when Identity named one.</summary>
public sealed record Revocation(RevocationScope Scope, string Id, string? UserId);

/// <summary>One entry of Identity's list of revoked access tokens that have not expired yet.</summary>
public sealed record RevokedAccessToken(string TokenId, DateTimeOffset ExpiresAt);

/// <summary>
/// The access tokens this service refuses although their signature and lifetime are good: revoked at Identity before
/// they expired. Services validate tokens locally (no call to Identity per request), so Identity tells them: every
/// revocation as an event on the bus (seconds), and its whole list at start and every
/// <see cref="PlatformAuthenticationOptions.RevocationListRefreshInterval"/> (for a service that started later or
/// missed events). An entry is kept until no token it names can be valid any more, then dropped.
/// </summary>
public sealed class RevokedAccessTokens(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _authorizations = new(StringComparer.Ordinal);

    /// <summary>Raised once per newly learnt revocation (Notify closes the sockets opened with those tokens).</summary>
    public event Action<Revocation>? Revoked;

    public int Count => _tokens.Count + _authorizations.Count;

    /// <summary>Refuses the access token <paramref name="tokenId"/> (its <c>oi_tkn_id</c>) until it expires.</summary>
    public void RevokeToken(string tokenId, DateTimeOffset expiresAt, string? userId = null) =>
        Add(_tokens, RevocationScope.Token, tokenId, expiresAt, userId);

    /// <summary>Refuses every access token of the sign-in <paramref name="authorizationId"/> (its <c>oi_au_id</c>) until the last of them expires.</summary>
    public void RevokeSignIn(string authorizationId, DateTimeOffset tokensExpireBy, string? userId = null) =>
        Add(_authorizations, RevocationScope.SignIn, authorizationId, tokensExpireBy, userId);

    /// <summary>Why a token with these ids is refused, or null when it is not.</summary>
    public RevocationScope? Find(string? tokenId, string? authorizationId)
    {
        if (tokenId is not null && _tokens.ContainsKey(tokenId))
        {
            return RevocationScope.Token;
        }

        return authorizationId is not null && _authorizations.ContainsKey(authorizationId) ? RevocationScope.SignIn : null;
    }

    /// <summary>Drops the entries whose tokens have all expired: those are refused by their lifetime anyway.</summary>
    public void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var entries in new[] { _tokens, _authorizations })
        {
            foreach (var (id, until) in entries)
            {
                if (until <= now)
                {
                    entries.TryRemove(KeyValuePair.Create(id, until));
                }
            }
        }
    }

    private void Add(ConcurrentDictionary<string, DateTimeOffset> entries, RevocationScope scope, string id, DateTimeOffset until, string? userId)
    {
        if (until <= time.GetUtcNow())
        {
            return;
        }

        var added = false;
        entries.AddOrUpdate(id, _ => { added = true; return until; }, (_, known) => known > until ? known : until);
        if (added)
        {
            Revoked?.Invoke(new Revocation(scope, id, userId));
        }
    }
}

/// <summary>
/// Refuses, after OpenIddict's own checks, an access token that <see cref="RevokedAccessTokens"/> names: a 401 like any
/// invalid token. Costs two dictionary look-ups per request, no call to Identity.
/// </summary>
public sealed class RefuseRevokedAccessTokens(RevokedAccessTokens revoked) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<RefuseRevokedAccessTokens>()
            .SetOrder(OpenIddictValidationHandlers.Protection.ValidateAuthorizationEntry.Descriptor.Order + 1_000)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal is { } principal && revoked.Find(principal.GetTokenId(), principal.GetAuthorizationId()) is { } scope)
        {
            context.Reject(Errors.InvalidToken, scope == RevocationScope.Token
                ? "The access token was revoked."
                : "The sign-in this access token belongs to has ended.");
        }

        return ValueTask.CompletedTask;
    }
}
