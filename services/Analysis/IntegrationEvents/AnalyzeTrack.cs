using AudioPlatform.Analysis.Model;
using AudioPlatform.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Analysis.IntegrationEvents;

/// <summary>Analyses a track when it is uploaded, and again when its owner asks.</summary>
public sealed class AnalyzeTrack(TrackAnalyzer analyzer) : IConsumer<TrackUploaded>, IConsumer<AnalysisRequested>
{
    public Task Consume(ConsumeContext<TrackUploaded> context) =>
        AnalyzeAsync(context, context.Message.TrackId, context.Message.ObjectKey, context.Message.Format);

    public Task Consume(ConsumeContext<AnalysisRequested> context) =>
        AnalyzeAsync(context, context.Message.TrackId, context.Message.ObjectKey, context.Message.Format);

    private Task AnalyzeAsync<T>(ConsumeContext<T> context, Guid trackId, string objectKey, string format) where T : IntegrationEvent =>
        analyzer.AnalyzeAsync(
            new AnalysisJob(trackId, context.Message.UserId, context.Message.CorrelationId, objectKey, format),
            context.GetRetryAttempt() + 1,
            context,
            context.CancellationToken);
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
