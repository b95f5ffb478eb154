using System.Text.Json;
using AudioPlatform.Contracts;
using AudioPlatform.Similarity;

namespace AudioPlatform.Library.Model;

/// <summary>
/// The one rule both repositories apply to event-driven changes.
/// </summary>
/// <remarks>
/// Ranks: <c>uploaded</c> 0 &lt; <c>analyzing</c> 1 &lt; <c>analyzed</c> = <c>failed</c> 2. An event is applied only when
/// its status ranks at least as high as the track's AND it occurred strictly after the last event applied
/// (<see cref="Track.LastEventAt"/>). So the same event twice changes nothing (same time), a late
/// <c>analyzing</c> never overwrites <c>analyzed</c> (lower rank), and between the two outcomes the later one wins
/// (same rank, later time). The only way back is <see cref="CanRequestReanalysis"/>; because it moves
/// <see cref="Track.LastEventAt"/> to the request time, a completion of the previous run that arrives after it
/// is ignored too.
/// </remarks>
public static class TrackTransitions
{
    public static int Rank(TrackStatus status) => status switch
    {
        TrackStatus.Uploaded => 0,
        TrackStatus.Analyzing => 1,
        _ => 2,
    };

    public static bool CanApply(Track current, TrackStatus next, DateTime occurredAt) =>
        Rank(next) >= Rank(current.Status) && occurredAt > current.LastEventAt;

    public static bool CanRequestReanalysis(Track current, DateTime requestedAt) =>
        current.Status is TrackStatus.Analyzed or TrackStatus.Failed && requestedAt > current.LastEventAt;

    /// <summary>UTC, cut to the millisecond both stores keep, so a replayed event compares equal.</summary>
    public static DateTime Normalize(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    public static DateTime Normalize(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    /// <summary>The change an event makes, for a store to run on the loaded track: false when it does not apply.</summary>
    /// <remarks>An analysis keeps the owner's corrections over it; <paramref name="preferredTempoBpm"/> is their tempo preference for it (<see cref="TempoPreference"/>).</remarks>
    public static Func<Track, bool> To(
        TrackStatus next, DateTimeOffset occurredAt, TrackAnalysis? analysis = null, string? error = null, double? preferredTempoBpm = null) =>
        track =>
        {
            var at = Normalize(occurredAt);
            if (!CanApply(track, next, at))
            {
                return false;
            }

            Apply(track, next, at, analysis, error, preferredTempoBpm);
            return true;
        };

    /// <summary>The change a re-analysis request makes: back to analysing, when allowed.</summary>
    public static Func<Track, bool> Reanalysis(DateTimeOffset requestedAt) =>
        track =>
        {
            var at = Normalize(requestedAt);
            if (!CanRequestReanalysis(track, at))
            {
                return false;
            }

            Apply(track, TrackStatus.Analyzing, at);
            Enqueue(track, new AnalysisRequested(track.Id, track.ObjectKey, track.Format)
            {
                UserId = track.UserId,
                CorrelationId = Guid.NewGuid(),
                OccurredAt = requestedAt,
            });
            return true;
        };

    /// <summary>
    /// The owner's delete: the track reads as gone from now on, and its <c>TrackDeleted</c> waits in the outbox, written
    /// with it; the record itself goes once the event is published. False for a track already deleted.
    /// </summary>
    public static Func<Track, bool> Deletion(DateTimeOffset deletedAt) =>
        track =>
        {
            if (track.DeletedAt is not null)
            {
                return false;
            }

            track.DeletedAt = Normalize(deletedAt);
            track.UpdatedAt = track.DeletedAt.Value;
            Enqueue(track, new TrackDeleted(track.Id) { UserId = track.UserId, CorrelationId = track.Id, OccurredAt = deletedAt });
            return true;
        };

    /// <summary>Puts an event in the track's outbox, to be published by the dispatcher after the record is written.</summary>
    public static void Enqueue<TEvent>(Track track, TEvent message) where TEvent : IntegrationEvent =>
        track.Outbox.Add(new OutboxMessage
        {
            Id = message.EventId,
            Type = typeof(TEvent).Name,
            Body = JsonSerializer.Serialize(message, JsonSerializerOptions.Web),
            CreatedAt = Normalize(DateTime.UtcNow),
        });

    /// <summary>
    /// The reconciler's change to a track that got stuck: counts the attempt and moves <see cref="Track.LastEventAt"/>
    /// to <paramref name="at"/>, so it is not picked again before the next deadline and events of the lost run that
    /// occurred before it are ignored (as after <see cref="Reanalysis"/>). Applies only when nothing happened to the
    /// track since the reconciler saw it at <paramref name="seenLastEventAt"/>, so of two reconcilers one wins.
    /// </summary>
    public static Func<Track, bool> Recovery(DateTime seenLastEventAt, DateTimeOffset at) =>
        track =>
        {
            var time = Normalize(at);
            if (track.Status is not (TrackStatus.Uploaded or TrackStatus.Analyzing)
                || track.LastEventAt != Normalize(seenLastEventAt) || time <= track.LastEventAt)
            {
                return false;
            }

            track.RecoveryAttempts++;
            track.LastEventAt = time;
            track.UpdatedAt = Normalize(DateTime.UtcNow);
            return true;
        };

    public static void Apply(
        Track track, TrackStatus next, DateTime occurredAt, TrackAnalysis? analysis = null, string? error = null, double? preferredTempoBpm = null)
    {
        track.Status = next;
        track.LastEventAt = occurredAt;
        track.UpdatedAt = Normalize(DateTime.UtcNow);
        BulkReanalysis.Finish(track, next, occurredAt);
        switch (next)
        {
            case TrackStatus.Analyzed:
                track.Analysis = Prepare(analysis ?? throw new ArgumentNullException(nameof(analysis)));
                CorrectionRules.OnNewAnalysis(track, preferredTempoBpm, occurredAt);
                track.AnalyzedAt = occurredAt;
                track.Error = null;
                break;
            case TrackStatus.Failed:
                track.Error = error;
                break;
        }
    }

    /// <summary>Fills what the repository derives: times normalised, sort title and label names lower-cased.</summary>
    public static Track PrepareNew(Track track)
    {
        track.CreatedAt = Normalize(track.CreatedAt == default ? DateTime.UtcNow : track.CreatedAt);
        track.LastEventAt = Normalize(track.LastEventAt == default ? track.CreatedAt : track.LastEventAt);
        track.UpdatedAt = Normalize(DateTime.UtcNow);
        track.AnalyzedAt = track.AnalyzedAt is { } analyzedAt ? Normalize(analyzedAt) : null;
        track.Analysis = track.Analysis is null ? null : Prepare(track.Analysis);
        track.SortTitle = track.Title.ToLowerInvariant();
        return track;
    }

    /// <summary>Times as UTC whatever the store handed back; an analysis stored before the typed model read as typed fields.</summary>
    public static Track FromStore(Track track)
    {
        AnalysisDocument.Upgrade(track);
        track.CreatedAt = Normalize(track.CreatedAt);
        track.UpdatedAt = Normalize(track.UpdatedAt);
        track.LastEventAt = Normalize(track.LastEventAt);
        track.AnalyzedAt = track.AnalyzedAt is { } analyzedAt ? Normalize(analyzedAt) : null;
        track.Reanalysis?.FromStore();
        foreach (var link in track.Analysis?.SameRecordingAs ?? [])
        {
            link.CreatedAt = Normalize(link.CreatedAt);
        }

        return track;
    }

    /// <summary>Derives what lists filter and statistics count: lower-cased label names, the top genre and mood, the Camelot code in capitals.</summary>
    public static TrackAnalysis Prepare(TrackAnalysis analysis)
    {
        analysis.GenreNames = Names(analysis.Genres);
        analysis.MoodNames = Names(analysis.Moods);
        analysis.InstrumentNames = Names(analysis.Instruments);
        analysis.TopGenre = Top(analysis.Genres);
        analysis.TopMood = Top(analysis.Moods);
        analysis.Camelot = analysis.Camelot?.ToUpperInvariant();
        return analysis;
    }

    private static string? Top(List<LabelScore> labels) =>
        labels.OrderByDescending(label => label.Confidence).Select(label => label.Name.ToLowerInvariant()).FirstOrDefault();

    private static List<string> Names(List<LabelScore> labels) =>
        labels.Select(label => label.Name.ToLowerInvariant()).Distinct().ToList();
}
