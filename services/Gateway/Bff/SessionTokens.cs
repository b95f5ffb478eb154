using System.Globalization;
using AudioPlatform.Gateway.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Gateway.Bff;

/// <summary>
/// The tokens of the current web session: the access token to forward, renewed with the refresh token
/// shortly before it expires, and both revoked at sign-out.
/// </summary>
public sealed class SessionTokens(
    ServerSideTicketStore sessions,
    IdentityTokenClient identity,
    IOptions<BffOptions> options,
    TimeProvider time,
    ILogger<SessionTokens> logger)
{
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";
    public const string IdToken = "id_token";
    public const string ExpiresAt = "expires_at";

    // Refresh tokens rotate with no grace period at Identity: two requests refreshing with the same one
    // would look like theft and revoke the whole sign-in. So one refresh at a time per session; a
    // fixed set of locks (chosen by the session key) never grows, whatever the number of sessions.
    private static readonly SemaphoreSlim[] RefreshLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>The access token to forward for this request's web session, or null when it has none (or it just ended).</summary>
    public async Task<string?> GetAccessTokenAsync(HttpContext context)
    {
        var session = await context.AuthenticateAsync(BffSchemes.Session);
        if (!session.Succeeded || session.Properties is null)
        {
            return null;
        }

        if (!NeedsRefresh(session.Properties))
        {
            return session.Properties.GetTokenValue(AccessToken);
        }

        if (!session.Properties.Items.TryGetValue(ServerSideTicketStore.SessionKeyItem, out var key) || key is null)
        {
            return null;
        }

        var gate = RefreshLocks[(uint)StringComparer.Ordinal.GetHashCode(key) % RefreshLocks.Length];
        await gate.WaitAsync(context.RequestAborted);
        try
        {
            // Another request of this session may have refreshed while this one waited: start from the stored state.
            var current = await sessions.RetrieveAsync(key);
            if (current is null)
            {
                return null;
            }

            if (!NeedsRefresh(current.Properties))
            {
                return current.Properties.GetTokenValue(AccessToken);
            }

            var refreshToken = current.Properties.GetTokenValue(RefreshToken);
            var refreshed = refreshToken is null ? null : await identity.RefreshAsync(refreshToken, context.RequestAborted);
            if (refreshed is null)
            {
                await sessions.RemoveAsync(key);
                return null;
            }

            current.Properties.UpdateTokenValue(AccessToken, refreshed.AccessToken);
            current.Properties.UpdateTokenValue(RefreshToken, refreshed.RefreshToken ?? refreshToken!);
            if (refreshed.IdToken is { } idToken)
            {
                current.Properties.UpdateTokenValue(IdToken, idToken);
            }

            current.Properties.UpdateTokenValue(ExpiresAt, time.GetUtcNow().AddSeconds(refreshed.ExpiresIn).ToString("o", CultureInfo.InvariantCulture));
            await sessions.RenewAsync(key, current);
            return refreshed.AccessToken;
        }
        catch (HttpRequestException exception)
        {
            // Identity unreachable for a moment: the current token may still be good; if not, the service answers 401.
            logger.LogWarning(exception, "Could not refresh a web session's access token.");
            return session.Properties.GetTokenValue(AccessToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Revokes the session's refresh token (so it can never be redeemed again) and its access token (refused at Identity at once).</summary>
    public async Task RevokeAsync(AuthenticationProperties session, CancellationToken cancellationToken)
    {
        if (session.GetTokenValue(RefreshToken) is { } refreshToken)
        {
            await identity.RevokeAsync(refreshToken, RefreshToken, cancellationToken);
        }

        if (session.GetTokenValue(AccessToken) is { } accessToken)
        {
            await identity.RevokeAsync(accessToken, AccessToken, cancellationToken);
        }
    }

    private bool NeedsRefresh(AuthenticationProperties properties) =>
        !DateTimeOffset.TryParse(properties.GetTokenValue(ExpiresAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiresAt)
        || expiresAt - time.GetUtcNow() <= options.Value.RefreshBeforeExpiry;
}
