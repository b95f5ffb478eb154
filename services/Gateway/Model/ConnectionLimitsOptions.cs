using System.ComponentModel.DataAnnotations;

namespace AudioPlatform.Gateway.Model;

/// <summary>
/// The <c>Limits</c> section: how long and how slowly a client may hold one of the Gateway's connections, the only
/// ones a client opens (the services behind it are reached by the Gateway alone). Kestrel enforces them: a body
/// slower than the rate or headers slower than the timeout end the connection with 408; a body over the size is 413.
/// </summary>
public sealed class ConnectionLimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>
    /// The slowest request body accepted once the grace period is over. 1 KB/s is far below any real upload (a 100 MB
    /// file at that pace would take a day) yet ends a client that trickles bytes to keep a connection and a temp file open.
    /// </summary>
    [Range(1, 10 * 1024 * 1024)]
    public double MinRequestBodyBytesPerSecond { get; set; } = 1024;

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan MinRequestBodyGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The slowest a client may read a response (e.g. a stream), so one that stops reading is let go.</summary>
    [Range(1, 10 * 1024 * 1024)]
    public double MinResponseBytesPerSecond { get; set; } = 240;

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan MinResponseGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a client may take to send the request line and headers.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an idle keep-alive connection stays open between requests.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Any request body but an upload's (whose route sets its own, the files' limit plus framing): the API takes small
    /// JSON documents and forms.
    /// </summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}
