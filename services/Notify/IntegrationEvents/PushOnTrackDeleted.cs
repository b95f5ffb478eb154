using AudioPlatform.Contracts;
using AudioPlatform.Notify.Hub;
using MassTransit;

namespace AudioPlatform.Notify.IntegrationEvents;

public sealed class PushOnTrackDeleted(NotificationHub hub) : IConsumer<TrackDeleted>
{
    public Task Consume(ConsumeContext<TrackDeleted> context)
    {
        var m = context.Message;
        return hub.PublishAsync(m.EventId, m.UserId, NotificationTypes.TrackDeleted, m.TrackId, m.OccurredAt, data: null, context.CancellationToken);
    }
}
