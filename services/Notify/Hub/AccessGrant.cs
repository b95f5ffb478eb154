using System.Security.Claims;
using OpenIddict.Abstractions;

namespace AudioPlatform.Notify.Hub;

/// <summary>
/// The access token a WebSocket was opened with. A socket outlives its handshake by hours, so it is held to the token:
/// closed when the token expires, when it is revoked, or when its sign-in ends.
/// </summary>
/// <param name="TokenId">The token's <c>oi_tkn_id</c>.</param>
/// <param name="AuthorizationId">The token's sign-in, <c>oi_au_id</c>.</param>
public sealed record AccessGrant(string? TokenId, string? AuthorizationId, DateTimeOffset ExpiresAt)
{
    /// <summary>From the validated token's claims; null for a token without an expiry date, which Identity never issues.</summary>
    public static AccessGrant? From(ClaimsPrincipal user) =>
        user.GetExpirationDate() is { } expiresAt ? new AccessGrant(user.GetTokenId(), user.GetAuthorizationId(), expiresAt) : null;

    public bool IsEndedBy(Revocation revocation) => revocation.Scope switch
    {
        RevocationScope.Token => revocation.Id == TokenId,
        RevocationScope.SignIn => revocation.Id == AuthorizationId,
        _ => false,
    };
}

/// <summary>The close reasons a client sees (with <c>PolicyViolation</c>): reconnect with a fresh token, or sign in again.</summary>
public static class CloseReasons
{
    public const string TokenExpired = "token expired";
    public const string TokenRevoked = "token revoked";
    public const string SessionEnded = "session ended";
    public const string TooManyConnections = "too many connections for this user";

    public static string Of(RevocationScope scope) => scope == RevocationScope.Token ? TokenRevoked : SessionEnded;
}
