using AudioPlatform.ServiceDefaults;
using AudioPlatform.Contracts;
using AudioPlatform.Library.Model;
using MassTransit;

namespace AudioPlatform.Library.IntegrationEvents;

/// <summary>
/// Thrown when an analysis event overtakes its <see cref="TrackUploaded"/> (they travel on different
/// queues): the retry policy delivers it again once the track is known.
/// </summary>
public sealed class TrackNotYetKnownException(Guid trackId) : Exception($"Track {trackId} is not known yet.");

internal static class UnknownTrack
{
    /// <summary>After this many deliveries an unknown track is taken as deleted and the event dropped.</summary>
    private const int Deliveries = 3;

    public static void RetryUnlessDeleted(ConsumeContext context, TransitionOutcome outcome, Guid trackId)
    {
        if (outcome == TransitionOutcome.NotFound && context.GetRetryAttempt() < Deliveries)
        {
            throw new TrackNotYetKnownException(trackId);
        }
    }
}

public sealed class RecordTrackOnTrackUploaded(ITrackRepository tracks) : IConsumer<TrackUploaded>
{
    public Task Consume(ConsumeContext<TrackUploaded> context)
    {
        var m = context.Message;
        return tracks.AddUploadedAsync(new Track
        {
            Id = m.TrackId,
            UserId = m.UserId,
            Title = m.Title ?? Path.GetFileNameWithoutExtension(m.FileName),
            Artist = m.Artist,
            Album = m.Album,
            FileName = m.FileName,
            Format = m.Format,
            SizeBytes = m.SizeBytes,
            ObjectKey = m.ObjectKey,
            Status = TrackStatus.Uploaded,
            CreatedAt = m.OccurredAt.UtcDateTime,
            LastEventAt = m.OccurredAt.UtcDateTime,
        }, context.CancellationToken);
    }
}

public sealed class MarkAnalyzingOnAnalysisStarted(ITrackRepository tracks) : IConsumer<AnalysisStarted>
{
    public async Task Consume(ConsumeContext<AnalysisStarted> context)
    {
        var m = context.Message;
        var outcome = await tracks.MarkAnalyzingAsync(m.UserId, m.TrackId, m.OccurredAt, context.CancellationToken);
        UnknownTrack.RetryUnlessDeleted(context, outcome, m.TrackId);
    }
}

/// <summary>
/// Stores the analysis and finds the user's other tracks that are the same recording (by the fingerprint the event
/// carries): those already known go into the same write as the analysis, so the track never shows as analysed without
/// them; then <see cref="SameRecordings.LinkAsync"/> links both ways. The owner's corrections stay over the new analysis,
/// with their tempo preference (<see cref="TempoPreference"/>) where they corrected no tempo.
/// </summary>
public sealed class StoreAnalysisOnAnalysisCompleted(ITrackRepository tracks, SameRecordings sameRecordings, ReanalysisProgressReporter reanalysis) : IConsumer<AnalysisCompleted>
{
    public async Task Consume(ConsumeContext<AnalysisCompleted> context)
    {
        var m = context.Message;
        using var stage = PipelineTelemetry.StartStage("library update", m.TrackId);
        // The document is read into typed fields once, here; nothing parses it again.
        var analysis = AnalysisDocument.Read(m.AnalysisJson, m.EngineVersion);
        analysis.Fingerprint = SameRecordings.Decode(m.Fingerprint);
        var search = await sameRecordings.FindAsync(m.UserId, m.TrackId, analysis, context.CancellationToken);
        analysis.SameRecordingAs = [.. search.Matches];
        var preferredTempo = TempoPreference.PreferredFor(
            analysis.TempoBpm, await tracks.ListTempoCorrectionsAsync(m.UserId, context.CancellationToken));
        var outcome = await tracks.MarkAnalyzedAsync(m.UserId, m.TrackId, analysis, m.OccurredAt, context.CancellationToken, preferredTempo);
        UnknownTrack.RetryUnlessDeleted(context, outcome, m.TrackId);
        if (outcome == TransitionOutcome.Applied)
        {
            await reanalysis.ReportAsync(context, m.UserId, m.TrackId);
        }

        if (outcome != TransitionOutcome.NotFound)
        {
            // Also when ignored: a redelivery after a crash between the two writes still links back. Ignored, the stored
            // analysis may not be this event's (a newer one), so this event's search does not stand for it.
            await sameRecordings.LinkAsync(
                m.UserId, m.TrackId, outcome == TransitionOutcome.Applied ? search : SameRecordingSearch.None, context.CancellationToken);
        }
    }
}

public sealed class MarkFailedOnAnalysisFailed(ITrackRepository tracks, ReanalysisProgressReporter reanalysis) : IConsumer<AnalysisFailed>
{
    public async Task Consume(ConsumeContext<AnalysisFailed> context)
    {
        var m = context.Message;
        var outcome = await tracks.MarkFailedAsync(m.UserId, m.TrackId, m.Reason, m.OccurredAt, context.CancellationToken);
        UnknownTrack.RetryUnlessDeleted(context, outcome, m.TrackId);
        if (outcome == TransitionOutcome.Applied)
        {
            await reanalysis.ReportAsync(context, m.UserId, m.TrackId);
        }
    }
}

/// <summary>
/// After a track of the user's newest bulk re-analysis finished, announces the batch's progress (for the owner's
/// WebSocket). Progress is a count, so a lost or repeated announcement is corrected by the next one.
/// </summary>
public sealed class ReanalysisProgressReporter(ITrackRepository tracks)
{
    public async Task ReportAsync(ConsumeContext context, string userId, Guid trackId)
    {
        if (await tracks.GetAsync(userId, trackId, context.CancellationToken) is not { Reanalysis: { FinishedAt: not null } mark }
            || await tracks.GetReanalysisProgressAsync(userId, context.CancellationToken) is not { } progress
            || progress.BatchId != mark.BatchId)
        {
            return;
        }

        await context.Publish(new ReanalysisProgressed(progress.BatchId, progress.Total, progress.Done, progress.Failed)
        {
            UserId = userId,
            CorrelationId = progress.BatchId,
        }, context.CancellationToken);
    }
}
