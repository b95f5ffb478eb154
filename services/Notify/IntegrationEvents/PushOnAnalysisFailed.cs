using AudioPlatform.Contracts;
using AudioPlatform.Notify.Hub;
using MassTransit;

namespace AudioPlatform.Notify.IntegrationEvents;

public sealed class PushOnAnalysisFailed(NotificationHub hub) : IConsumer<AnalysisFailed>
{
    public Task Consume(ConsumeContext<AnalysisFailed> context)
    {
        var m = context.Message;
        return hub.PublishAsync(m.EventId, m.UserId, NotificationTypes.AnalysisFailed, m.TrackId, m.OccurredAt, new { m.Reason, m.ErrorCode }, context.CancellationToken);
    }
}
