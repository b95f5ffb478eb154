using System.ComponentModel.DataAnnotations;

namespace AudioPlatform.Gateway.Model;

/// <summary>The <c>RateLimits</c> section: fixed windows, then 429 with <c>Retry-After</c>.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>
    /// Sign-in and registration posts per client IP and window. Identity has the same limit behind
    /// this one (and account lockout behind that); here the guesses stop before reaching it.
    /// </summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerWindow { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Upload requests (each up to 10 files) per signed-in user and window.</summary>
    [Range(1, 10_000)]
    public int UploadsPerWindow { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan UploadWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Calls to the diagnostics endpoints (the bus ping, its read-back, the WebSocket echo) per signed-in user and
    /// window, or per client IP without a user. Each ping is a message on the bus; a poll of its read-back is cheap.
    /// </summary>
    [Range(1, 10_000)]
    public int DiagnosticsPerWindow { get; set; } = 60;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DiagnosticsWindow { get; set; } = TimeSpan.FromMinutes(1);
}
