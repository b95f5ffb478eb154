using AudioPlatform.Analysis.Model;
using AudioPlatform.Contracts;
using MassTransit;

namespace AudioPlatform.Analysis.IntegrationEvents;

public sealed class AnalyzeTrackOnTrackUploaded(TrackAnalyzer analyzer) : IConsumer<TrackUploaded>
{
    public Task Consume(ConsumeContext<TrackUploaded> context)
    {
        var m = context.Message;
        return analyzer.AnalyzeAsync(
            new AnalysisJob(m.TrackId, m.UserId, m.CorrelationId, m.ObjectKey, m.Format),
            context.GetRetryAttempt() + 1,
            context,
            context.CancellationToken);
    }
}

public sealed class AnalyzeTrackOnTrackUploadedDefinition(Microsoft.Extensions.Options.IOptions<AnalysisOptions> options)
    : ConsumerDefinition<AnalyzeTrackOnTrackUploaded>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<AnalyzeTrackOnTrackUploaded> consumer, IRegistrationContext context) =>
        endpoint.ConcurrentMessageLimit = options.Value.MaxConcurrency;
}
