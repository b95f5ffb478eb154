using System.ComponentModel.DataAnnotations;

namespace AudioPlatform.Analysis.Model;

public sealed class AnalysisOptions
{
    /// <summary>Analyses run at once by this replica; more replicas share the queue as competing consumers.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>The longest one analysis may take before it ends as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "02:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest fpcalc may take to fingerprint a track; past it the track simply has no fingerprint.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan FingerprintTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
