using AudioPlatform.Analysis.Model;
using AudioPlatform.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Analysis.IntegrationEvents;

/// <summary>Analyses a track when it is uploaded, and again when its owner asks: work a user waits for.</summary>
public sealed class AnalyzeTrack(TrackAnalyzer analyzer, UploadsFirst priority) : IConsumer<TrackUploaded>, IConsumer<AnalysisRequested>
{
    public Task Consume(ConsumeContext<TrackUploaded> context) =>
        AnalyzeAsync(context, context.Message.TrackId, context.Message.ObjectKey, context.Message.Format);

    public Task Consume(ConsumeContext<AnalysisRequested> context) =>
        AnalyzeAsync(context, context.Message.TrackId, context.Message.ObjectKey, context.Message.Format);

    private async Task AnalyzeAsync<T>(ConsumeContext<T> context, Guid trackId, string objectKey, string format) where T : IntegrationEvent
    {
        using var urgent = priority.Urgent();
        await analyzer.AnalyzeAsync(
            new AnalysisJob(trackId, context.Message.UserId, context.Message.CorrelationId, objectKey, format),
            context.GetRetryAttempt() + 1,
            context,
            context.CancellationToken);
    }
}

/// <summary>
/// At most <see cref="AnalysisOptions.MaxConcurrency"/> analyses at once per replica, and no more taken from the queue
/// than that: an analysis takes seconds, so a busy replica holding prefetched uploads would keep them from an idle one.
/// </summary>
public sealed class AnalyzeTrackDefinition(IOptions<AnalysisOptions> options) : ConsumerDefinition<AnalyzeTrack>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<AnalyzeTrack> consumer, IRegistrationContext context)
    {
        endpoint.ConcurrentMessageLimit = options.Value.MaxConcurrency;
        endpoint.PrefetchCount = options.Value.MaxConcurrency;
    }
}

/// <summary>
/// A bulk re-analysis, one track at a time per replica, on a queue of its own (so uploads never queue behind it), and
/// each started only once no upload is being analysed here (<see cref="UploadsFirst"/>).
/// </summary>
public sealed class ReanalyzeTrackInBackground(TrackAnalyzer analyzer, UploadsFirst priority) : IConsumer<BulkReanalysisRequested>
{
    /// <summary>
    /// Under uploads without a pause, background work still moves (one track per replica at a time), and its message is
    /// not held unacknowledged long enough for the broker to take the channel away (RabbitMQ's consumer timeout: 30 min).
    /// </summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    public async Task Consume(ConsumeContext<BulkReanalysisRequested> context)
    {
        await priority.WhenIdleAsync(MaxWait, context.CancellationToken);
        var m = context.Message;
        await analyzer.AnalyzeAsync(
            new AnalysisJob(m.TrackId, m.UserId, m.CorrelationId, m.ObjectKey, m.Format),
            context.GetRetryAttempt() + 1,
            context,
            context.CancellationToken);
    }
}

/// <summary>One background analysis at a time, and only one message taken ahead: the rest stay queued for idle replicas.</summary>
public sealed class ReanalyzeTrackInBackgroundDefinition : ConsumerDefinition<ReanalyzeTrackInBackground>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<ReanalyzeTrackInBackground> consumer, IRegistrationContext context)
    {
        endpoint.ConcurrentMessageLimit = 1;
        endpoint.PrefetchCount = 1;
    }
}
