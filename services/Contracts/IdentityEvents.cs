namespace AudioPlatform.Contracts;

/// <summary>
/// One access token was revoked before it expired (RFC 7009 revocation of that token). Every service that validates
/// tokens locally refuses it from now on, until <see cref="ExpiresAt"/>, after which it is refused anyway.
/// <see cref="TokenId"/> is the token's <c>oi_tkn_id</c> claim.
/// </summary>
public sealed record AccessTokenRevoked(string TokenId, DateTimeOffset ExpiresAt) : IntegrationEvent;

/// <summary>
/// Every token of one sign-in was revoked: the user signed out, revoked the refresh token, or a spent refresh token or
/// code was presented again. Every access token carrying <see cref="AuthorizationId"/> (its <c>oi_au_id</c> claim) is
/// refused from now on; none issued before this lives past <see cref="TokensExpireBy"/>, and no new one can be issued.
/// </summary>
public sealed record AuthorizationRevoked(string AuthorizationId, DateTimeOffset TokensExpireBy) : IntegrationEvent;
