using System.Diagnostics;
using AudioPlatform.Contracts;
using MassTransit;

namespace AudioPlatform.Analysis.IntegrationEvents;

/// <summary>
/// When every retry of an analysis has failed (storage down, a crash in the engine), the track must
/// still end in a state the user can see: failed, with a reason in words. The exception itself (which can
/// name files, hosts and stack frames) goes to the log under the trace id the reason quotes.
/// </summary>
public sealed class FailTrackOnAnalysisFault(ILogger<FailTrackOnAnalysisFault> logger)
    : IConsumer<Fault<TrackUploaded>>, IConsumer<Fault<AnalysisRequested>>, IConsumer<Fault<BulkReanalysisRequested>>
{
    public Task Consume(ConsumeContext<Fault<TrackUploaded>> context) =>
        PublishFailure(context, context.Message.Message.TrackId, context.Message.Message, context.Message.Exceptions);

    public Task Consume(ConsumeContext<Fault<AnalysisRequested>> context) =>
        PublishFailure(context, context.Message.Message.TrackId, context.Message.Message, context.Message.Exceptions);

    public Task Consume(ConsumeContext<Fault<BulkReanalysisRequested>> context) =>
        PublishFailure(context, context.Message.Message.TrackId, context.Message.Message, context.Message.Exceptions);

    private Task PublishFailure(ConsumeContext context, Guid trackId, IntegrationEvent cause, ExceptionInfo[] exceptions)
    {
        var exception = exceptions.FirstOrDefault();
        var traceId = Activity.Current?.TraceId.ToString();
        logger.LogError("Analysis of track {TrackId} failed after every retry: {ExceptionType} {ExceptionMessage}",
            trackId, exception?.ExceptionType, exception?.Message);
        var reference = traceId is null ? "" : $" If it keeps failing, quote reference {traceId} to support.";
        return context.Publish(new AnalysisFailed(trackId,
            $"The analysis failed after {MessagingExtensions.RetryIntervals.Length + 1} attempts because of a problem on our side. " +
            $"Re-analyse the track to try again.{reference}", "AnalysisError")
        {
            UserId = cause.UserId,
            CorrelationId = cause.CorrelationId,
        });
    }
}
