using AudioPlatform.Contracts;
using AudioPlatform.Notify.Hub;
using MassTransit;

namespace AudioPlatform.Notify.IntegrationEvents;

public sealed class PushOnAnalysisStarted(NotificationHub hub) : IConsumer<AnalysisStarted>
{
    public Task Consume(ConsumeContext<AnalysisStarted> context)
    {
        var m = context.Message;
        return hub.PublishAsync(m.EventId, m.UserId, NotificationTypes.AnalysisStarted, m.TrackId, m.OccurredAt, new { m.Attempt }, context.CancellationToken);
    }
}
