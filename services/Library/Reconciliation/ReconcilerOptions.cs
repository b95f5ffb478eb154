using System.ComponentModel.DataAnnotations;

namespace AudioPlatform.Library.Reconciliation;

/// <summary>Settings of <see cref="StuckTrackReconciler"/> (section <c>Reconciler</c>).</summary>
public sealed class ReconcilerOptions : IValidatableObject
{
    public const string SectionName = "Reconciler";

    /// <summary>How often stuck tracks are looked for.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a track may stay <c>uploaded</c> or <c>analyzing</c> without any event before it counts as stuck.
    /// Longer than the Analysis service's own time limit (15 minutes), whose progress events keep a live run fresh.
    /// </summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Analyses asked again before the track is failed with a reason.</summary>
    [Range(0, 10)]
    public int MaxAttempts { get; set; } = 2;

    /// <summary>Stuck tracks handled per pass.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Interval < TimeSpan.FromMilliseconds(100) || Interval > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Reconciler:Interval must be between 100 ms and 1 hour.", [nameof(Interval)]);
        }

        if (StuckAfter < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("Reconciler:StuckAfter must be at least 1 second.", [nameof(StuckAfter)]);
        }
    }
}
