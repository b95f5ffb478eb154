using AudioPlatform.Contracts;
using AudioPlatform.Notify.Hub;
using MassTransit;

namespace AudioPlatform.Notify.IntegrationEvents;

public sealed class PushOnAnalysisProgressed(NotificationHub hub) : IConsumer<AnalysisProgressed>
{
    public Task Consume(ConsumeContext<AnalysisProgressed> context)
    {
        var m = context.Message;
        return hub.PublishAsync(m.EventId, m.UserId, NotificationTypes.AnalysisProgress, m.TrackId, m.OccurredAt, new { m.Stage, m.Percent }, context.CancellationToken);
    }
}
