using AudioPlatform.Contracts;
using AudioPlatform.Notify.Hub;
using MassTransit;

namespace AudioPlatform.Notify.IntegrationEvents;

public sealed class PushOnAnalysisCompleted(NotificationHub hub) : IConsumer<AnalysisCompleted>
{
    public Task Consume(ConsumeContext<AnalysisCompleted> context)
    {
        var m = context.Message;
        return hub.PublishAsync(m.EventId, m.UserId, NotificationTypes.AnalysisCompleted, m.TrackId, m.OccurredAt, new { m.EngineVersion }, context.CancellationToken);
    }
}
