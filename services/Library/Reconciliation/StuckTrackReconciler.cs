using AudioPlatform.Contracts;
using AudioPlatform.Library.Model;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Library.Reconciliation;

/// <summary>
/// The last guard of "nothing accepted is lost": a track that stays <c>uploaded</c> or <c>analyzing</c> with no event
/// for <see cref="ReconcilerOptions.StuckAfter"/> (its message was lost, or every delivery died with its worker) gets
/// its analysis asked for again, up to <see cref="ReconcilerOptions.MaxAttempts"/> times; then it is failed with a
/// reason the user can act on. The failure travels as <see cref="AnalysisFailed"/>, so the Library records it and
/// Notify tells the user, the same way as any other failure. Of several Library replicas, the one holding the
/// <see cref="IReconcilerLease"/> acts.
/// </summary>
public sealed class StuckTrackReconciler(
    ITrackRepository tracks,
    IBus bus,
    IReconcilerLease lease,
    IOptions<ReconcilerOptions> options,
    TimeProvider time,
    ILogger<StuckTrackReconciler> logger) : BackgroundService
{
    public const string GaveUpErrorCode = "AnalysisLost";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await ReconcileAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store or the broker is down: the next pass tries again.
                logger.LogWarning(ex, "Reconciling stuck tracks failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; answers how many tracks it acted on (none when another replica holds the lease).</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Three intervals: a holder that misses a tick keeps the lease; a dead one hands it on within three.
        if (!await lease.TryHoldAsync(settings.Interval * 3))
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var stuck = await tracks.FindStuckAsync(now - settings.StuckAfter, settings.BatchSize, cancellationToken);
        var acted = 0;
        foreach (var track in stuck)
        {
            if (track.RecoveryAttempts >= settings.MaxAttempts)
            {
                var reason = track.RecoveryAttempts == 0
                    ? "The analysis never finished."
                    : $"The analysis never finished, even after {track.RecoveryAttempts} more {(track.RecoveryAttempts == 1 ? "try" : "tries")}.";
                await bus.Publish(new AnalysisFailed(track.Id, reason + " Re-analyse the track to try again.", GaveUpErrorCode)
                {
                    UserId = track.UserId,
                    CorrelationId = track.Id,
                    OccurredAt = now,
                }, cancellationToken);
                logger.LogWarning("Track {TrackId} failed after {Attempts} recovery attempts", track.Id, track.RecoveryAttempts);
                acted++;
                continue;
            }

            if (await tracks.MarkRecoveryAttemptAsync(track.UserId, track.Id, track.LastEventAt, now, cancellationToken) != TransitionOutcome.Applied)
            {
                continue;
            }

            await bus.Publish(new AnalysisRequested(track.Id, track.ObjectKey, track.Format)
            {
                UserId = track.UserId,
                CorrelationId = track.Id,
                OccurredAt = now,
            }, cancellationToken);
            logger.LogWarning("Track {TrackId} was {Status} with no event since {LastEventAt:O}; analysis asked again (attempt {Attempt})",
                track.Id, track.Status, track.LastEventAt, track.RecoveryAttempts + 1);
            acted++;
        }

        return acted;
    }
}
