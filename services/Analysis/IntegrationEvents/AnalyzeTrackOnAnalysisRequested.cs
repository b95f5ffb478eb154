using AudioPlatform.Analysis.Model;
using AudioPlatform.Contracts;
using MassTransit;

namespace AudioPlatform.Analysis.IntegrationEvents;

public sealed class AnalyzeTrackOnAnalysisRequested(TrackAnalyzer analyzer) : IConsumer<AnalysisRequested>
{
    public Task Consume(ConsumeContext<AnalysisRequested> context)
    {
        var m = context.Message;
        return analyzer.AnalyzeAsync(
            new AnalysisJob(m.TrackId, m.UserId, m.CorrelationId, m.ObjectKey, m.Format),
            context.GetRetryAttempt() + 1,
            context,
            context.CancellationToken);
    }
}

public sealed class AnalyzeTrackOnAnalysisRequestedDefinition(Microsoft.Extensions.Options.IOptions<AnalysisOptions> options)
    : ConsumerDefinition<AnalyzeTrackOnAnalysisRequested>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<AnalyzeTrackOnAnalysisRequested> consumer, IRegistrationContext context) =>
        endpoint.ConcurrentMessageLimit = options.Value.MaxConcurrency;
}
