using AudioPlatform.Contracts;
using AudioPlatform.Notify.Hub;
using MassTransit;

namespace AudioPlatform.Notify.IntegrationEvents;

public sealed class PushOnTrackUploaded(NotificationHub hub) : IConsumer<TrackUploaded>
{
    public Task Consume(ConsumeContext<TrackUploaded> context)
    {
        var m = context.Message;
        return hub.PublishAsync(m.EventId, m.UserId, NotificationTypes.TrackUploaded, m.TrackId, m.OccurredAt, new { m.FileName, m.Title, m.Artist, m.Format, m.SizeBytes }, context.CancellationToken);
    }
}
