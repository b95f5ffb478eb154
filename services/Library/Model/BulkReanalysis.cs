using AudioPlatform.Contracts;

namespace AudioPlatform.Library.Model;

/// <summary>A track's part in a bulk re-analysis: which one, how large it was, and when this track finished.</summary>
public sealed class ReanalysisMark
{
    public Guid BatchId { get; set; }

    public DateTime RequestedAt { get; set; }

    /// <summary>How many tracks the request took: each track of it keeps the figure, so no separate record is needed.</summary>
    public int BatchSize { get; set; }

    public DateTime? FinishedAt { get; set; }

    public bool Failed { get; set; }

    /// <summary>Times as UTC whatever the store handed back (see <see cref="TrackTransitions.FromStore"/>).</summary>
    public ReanalysisMark FromStore()
    {
        RequestedAt = TrackTransitions.Normalize(RequestedAt);
        FinishedAt = FinishedAt is { } finished ? TrackTransitions.Normalize(finished) : null;
        return this;
    }
}

/// <summary>Where the user's newest bulk re-analysis stands.</summary>
public sealed record ReanalysisProgress(Guid BatchId, DateTime RequestedAt, int Total, int Done, int Failed)
{
    public int Pending => Total - Done;

    public bool Finished => Done >= Total;

    /// <summary>The newest batch among the tracks' marks, counted; null when the user never asked for one.</summary>
    public static ReanalysisProgress? Of(IEnumerable<ReanalysisMark?> marks)
    {
        var all = marks.OfType<ReanalysisMark>().ToList();
        if (all.Count == 0)
        {
            return null;
        }

        var newest = all.MaxBy(mark => mark.RequestedAt)!;
        var batch = all.Where(mark => mark.BatchId == newest.BatchId).ToList();
        // A track deleted while it waited leaves the batch: it can never finish, so it no longer counts.
        var total = Math.Min(newest.BatchSize, batch.Count);
        return new ReanalysisProgress(newest.BatchId, newest.RequestedAt, total,
            batch.Count(mark => mark.FinishedAt is not null), batch.Count(mark => mark.Failed));
    }
}

/// <summary>
/// The owner's "analyse all these again": unlike the one-track request (<see cref="TrackTransitions.Reanalysis"/>),
/// the tracks stay as they are, analysed, until their new analysis arrives, and the work goes to Analysis as
/// <see cref="BulkReanalysisRequested"/>, which it takes only while no upload waits. The batch may take hours; a track in
/// it is not stuck, so the reconciler leaves it alone. The user's corrections are not part of the analysis and stay.
/// </summary>
public static class BulkReanalysis
{
    /// <summary>The change for one track of a new batch: analysed or failed tracks only, and not one still waiting in a batch.</summary>
    public static Func<Track, bool> Request(Guid batchId, int batchSize, DateTimeOffset requestedAt) =>
        track =>
        {
            if (track.Status is not (TrackStatus.Analyzed or TrackStatus.Failed) || track.Reanalysis is { FinishedAt: null })
            {
                return false;
            }

            track.Reanalysis = new ReanalysisMark { BatchId = batchId, BatchSize = batchSize, RequestedAt = TrackTransitions.Normalize(requestedAt) };
            track.UpdatedAt = TrackTransitions.Normalize(DateTime.UtcNow);
            TrackTransitions.Enqueue(track, new BulkReanalysisRequested(track.Id, track.ObjectKey, track.Format, batchId)
            {
                UserId = track.UserId,
                CorrelationId = Guid.NewGuid(),
                OccurredAt = requestedAt,
            });
            return true;
        };

    /// <summary>An outcome that occurred after the request finishes the track's part in its batch.</summary>
    public static void Finish(Track track, TrackStatus next, DateTime occurredAt)
    {
        if (next is TrackStatus.Analyzed or TrackStatus.Failed && track.Reanalysis is { FinishedAt: null } mark && occurredAt > mark.RequestedAt)
        {
            mark.FinishedAt = occurredAt;
            mark.Failed = next == TrackStatus.Failed;
        }
    }
}
