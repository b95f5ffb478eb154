using AudioPlatform.Contracts;
using MassTransit;

namespace AudioPlatform.Analysis.IntegrationEvents;

/// <summary>
/// When every retry of an analysis has failed (storage down, a crash in the engine), the track must
/// still end in a state the user can see: failed, with the reason.
/// </summary>
public sealed class FailTrackOnAnalysisFault : IConsumer<Fault<TrackUploaded>>, IConsumer<Fault<AnalysisRequested>>
{
    public Task Consume(ConsumeContext<Fault<TrackUploaded>> context) =>
        PublishFailure(context, context.Message.Message.TrackId, context.Message.Message, context.Message.Exceptions);

    public Task Consume(ConsumeContext<Fault<AnalysisRequested>> context) =>
        PublishFailure(context, context.Message.Message.TrackId, context.Message.Message, context.Message.Exceptions);

    private static Task PublishFailure(ConsumeContext context, Guid trackId, IntegrationEvent cause, ExceptionInfo[] exceptions)
    {
        var detail = exceptions.FirstOrDefault()?.Message ?? "unknown error";
        return context.Publish(new AnalysisFailed(trackId,
            $"The analysis failed after {MessagingExtensions.RetryIntervals.Length + 1} attempts: {detail}", "AnalysisError")
        {
            UserId = cause.UserId,
            CorrelationId = cause.CorrelationId,
        });
    }
}
