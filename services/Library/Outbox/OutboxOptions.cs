using System.ComponentModel.DataAnnotations;

namespace AudioPlatform.Library.Outbox;

/// <summary>Settings of <see cref="OutboxDispatcher"/> (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions : IValidatableObject
{
    public const string SectionName = "Outbox";

    /// <summary>How often the outbox is looked at: the longest a deleted track's event waits when all is well.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Tracks whose events are published per pass.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Interval < TimeSpan.FromMilliseconds(10) || Interval > TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("Outbox:Interval must be between 10 ms and 1 minute.", [nameof(Interval)]);
        }
    }
}
