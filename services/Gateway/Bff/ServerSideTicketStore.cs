using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;

namespace AudioPlatform.Gateway.Bff;

/// <summary>
/// The web sessions, tokens included, kept on the server: the cookie only names an entry here, so it
/// stays small, carries no token, and removing the entry ends the session even if the cookie is kept.
/// Entries are encrypted with data protection, so a shared cache (Redis, later) never holds a token in clear.
/// </summary>
public sealed class ServerSideTicketStore(IDistributedCache cache, IDataProtectionProvider dataProtection) : ITicketStore
{
    /// <summary>The ticket's own key, in its properties, so that whoever loads a session can renew it in place.</summary>
    public const string SessionKeyItem = ".bff.session";

    private const string CachePrefix = "bff-session:";
    private readonly IDataProtector _protector = dataProtection.CreateProtector("AudioPlatform.Gateway.Sessions");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Base64UrlKey();
        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ticket.Properties.Items[SessionKeyItem] = key;
        var entry = new DistributedCacheEntryOptions { AbsoluteExpiration = ticket.Properties.ExpiresUtc };
        return cache.SetAsync(CachePrefix + key, _protector.Protect(TicketSerializer.Default.Serialize(ticket)), entry);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var stored = await cache.GetAsync(CachePrefix + key);
        if (stored is null)
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(stored));
        }
        catch (CryptographicException)
        {
            // Written with a key ring this instance no longer has: the session is simply gone.
            return null;
        }
    }

    public Task RemoveAsync(string key) => cache.RemoveAsync(CachePrefix + key);

    private static string Base64UrlKey() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
