namespace AudioPlatform.Contracts;

/// <summary>
/// A fact one service tells the others. Events are never edited once published: add a new event
/// or a new optional property instead.
/// </summary>
/// <remarks>
/// <see cref="CorrelationId"/> ties together every event caused by one user action (an upload and
/// all its analysis events share it). <see cref="OccurredAt"/> lets consumers ignore an older event
/// that arrives after a newer one.
/// </remarks>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; } = Guid.NewGuid();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    public required Guid CorrelationId { get; init; }

    /// <summary>The owning user's id, taken from a validated token, never from a request body.</summary>
    public required string UserId { get; init; }
}
