using AudioPlatform.Contracts;
using AudioPlatform.Notify.Hub;
using MassTransit;

namespace AudioPlatform.Notify.IntegrationEvents;

public sealed class PushOnReanalysisProgressed(NotificationHub hub) : IConsumer<ReanalysisProgressed>
{
    public Task Consume(ConsumeContext<ReanalysisProgressed> context)
    {
        var m = context.Message;
        return hub.PublishAsync(m.EventId, m.UserId, NotificationTypes.ReanalysisProgress, null, m.OccurredAt,
            new { m.BatchId, m.Total, m.Done, m.Failed }, context.CancellationToken);
    }
}
