using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Ingest.Model;

/// <summary>
/// Signs and checks stream links: <c>/api/v1/audio/{track}/stream?user=..&amp;exp=..&amp;sig=..</c>, where <c>sig</c> is
/// HMAC-SHA256 (base64url) over the user, the track and the expiry (Unix seconds). A link opens exactly one user's one
/// track until it expires; changing any of the three breaks the signature.
/// </summary>
public sealed class StreamLinkSigner(IOptions<StreamLinkOptions> options, TimeProvider clock)
{
    public const int DefaultHours = 24;
    public const int MaxHours = 168;

    /// <summary>The link's path and query, relative to the public origin (the Gateway's), which the client knows.</summary>
    public string Link(string userId, Guid trackId, DateTimeOffset expiresAt)
    {
        var exp = expiresAt.ToUnixTimeSeconds();
        return $"/api/v1/audio/{trackId:D}/stream?user={Uri.EscapeDataString(userId)}&exp={exp.ToString(CultureInfo.InvariantCulture)}&sig={Signature(userId, trackId, exp)}";
    }

    public StreamLinkCheck Check(string? userId, Guid trackId, long? exp, string? sig)
    {
        if (string.IsNullOrEmpty(userId) || exp is null || string.IsNullOrEmpty(sig))
        {
            return StreamLinkCheck.Incomplete;
        }

        byte[] given;
        try
        {
            given = WebEncoders.Base64UrlDecode(sig);
        }
        catch (FormatException)
        {
            return StreamLinkCheck.Tampered;
        }

        // Fixed time: how many leading bytes match must not show in how long the answer takes.
        if (!CryptographicOperations.FixedTimeEquals(given, Mac(userId, trackId, exp.Value)))
        {
            return StreamLinkCheck.Tampered;
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() > exp.Value ? StreamLinkCheck.Expired : StreamLinkCheck.Valid;
    }

    private string Signature(string userId, Guid trackId, long exp) => WebEncoders.Base64UrlEncode(Mac(userId, trackId, exp));

    /// <summary>Newlines separate the parts: a user id cannot contain one, so no two different links sign the same text.</summary>
    private byte[] Mac(string userId, Guid trackId, long exp) =>
        HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(options.Value.SigningKey),
            Encoding.UTF8.GetBytes($"{userId}\n{trackId:D}\n{exp.ToString(CultureInfo.InvariantCulture)}"));
}

public enum StreamLinkCheck
{
    Valid,
    Incomplete,
    Tampered,
    Expired,
}
