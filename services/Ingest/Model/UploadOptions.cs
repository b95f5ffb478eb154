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

    /// <summary>
    /// How long announcing an upload may wait for the broker. Past it the upload is still accepted (its audio is stored
    /// and its event is in the outbox, which announces it once the broker is back), rather than holding the request
    /// open while RabbitMQ is away.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan AnnounceTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the outbox's dispatcher looks for stored uploads that are not announced yet.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OutboxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When an outbox entry whose audio was never stored (the request failed or died while storing it) is dropped:
    /// longer than storing the largest file can take.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan OutboxAbandonAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>What one request may carry: every file at its largest plus the multipart framing.</summary>
    public long MaxRequestBytes => MaxFileBytes * MaxFilesPerRequest + 1024 * 1024;
}
