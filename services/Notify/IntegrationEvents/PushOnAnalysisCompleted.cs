using AudioPlatform.Contracts;
using AudioPlatform.Notify.Hub;
using AudioPlatform.ServiceDefaults;
using MassTransit;

namespace AudioPlatform.Notify.IntegrationEvents;

public sealed class PushOnAnalysisCompleted(NotificationHub hub) : IConsumer<AnalysisCompleted>
{
    public async Task Consume(ConsumeContext<AnalysisCompleted> context)
    {
        var m = context.Message;
        // The journey's last stage: the user hears that the analysis is done.
        using var stage = PipelineTelemetry.StartStage("notify", m.TrackId);
        await hub.PublishAsync(m.EventId, m.UserId, NotificationTypes.AnalysisCompleted, m.TrackId, m.OccurredAt, new { m.EngineVersion }, context.CancellationToken);
    }
}
