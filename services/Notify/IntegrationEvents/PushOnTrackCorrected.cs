using AudioPlatform.Contracts;
using AudioPlatform.Notify.Hub;
using MassTransit;

namespace AudioPlatform.Notify.IntegrationEvents;

/// <summary>
/// The owner's corrected values changed (in another tab, the CLI, or their tempo preference on a new analysis): every open
/// page of theirs reloads the track. The payload is the whole set now in force (null: the analysis's value stands).
/// </summary>
public sealed class PushOnTrackCorrected(NotificationHub hub) : IConsumer<TrackCorrected>
{
    public Task Consume(ConsumeContext<TrackCorrected> context)
    {
        var m = context.Message;
        return hub.PublishAsync(m.EventId, m.UserId, NotificationTypes.TrackCorrected, m.TrackId, m.OccurredAt,
            new { m.TempoBpm, m.Key, m.Camelot, m.TimeSignature, m.Genres, m.Moods, m.Instruments }, context.CancellationToken);
    }
}
