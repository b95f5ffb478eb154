using System.ComponentModel.DataAnnotations;

namespace AudioPlatform.Ingest.Model;

public sealed class UploadOptions
{
    /// <summary>The largest file accepted: 100 MiB.</summary>
    public const long DefaultMaxFileBytes = 100L * 1024 * 1024;

    [Range(1024, 4L * 1024 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    [Range(1, 100)]
    public int MaxFilesPerRequest { get; set; } = 10;

    /// <summary>What one request may carry: every file at its largest plus the multipart framing.</summary>
    public long MaxRequestBytes => MaxFileBytes * MaxFilesPerRequest + 1024 * 1024;
}
