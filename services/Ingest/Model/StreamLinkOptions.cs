using System.ComponentModel.DataAnnotations;

namespace AudioPlatform.Ingest.Model;

/// <summary>
/// The <c>StreamLinks</c> section: the key that signs stream links (<c>POST /api/v1/audio/stream-links</c>), so that a
/// media player that has no token can open a playlist's audio. Every Ingest replica must have the same key (the AppHost
/// passes one generated secret to all of them): a link signed by one replica is checked by whichever answers it.
/// </summary>
public sealed class StreamLinkOptions
{
    public const string SectionName = "StreamLinks";

    /// <summary>The HMAC-SHA256 key, at least 32 characters (32 bytes). Changing it invalidates every link issued.</summary>
    [Required]
    [MinLength(32)]
    public string SigningKey { get; set; } = "";
}
