using System.Diagnostics;
using AudioPlatform.Contracts;
using AudioPlatform.Notify.Model;
using MassTransit;

namespace AudioPlatform.Notify.IntegrationEvents;

public sealed class RecordPingOnDiagnosticPingPublished(DiagnosticPingLog log) : IConsumer<DiagnosticPingPublished>
{
    public Task Consume(ConsumeContext<DiagnosticPingPublished> context)
    {
        var ping = context.Message;
        log.Record(ping.UserId, new ReceivedPing(ping.PingId, ping.PublishedBy, Activity.Current?.TraceId.ToString(), DateTimeOffset.UtcNow));
        return Task.CompletedTask;
    }
}
