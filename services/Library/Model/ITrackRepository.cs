namespace AudioPlatform.Library.Model;

/// <summary>
/// The Library's track records. Every method that reads or changes one user's tracks takes the user id and
/// filters by it here, so a caller can never reach another user's track: another user's id answers as if
/// the track did not exist. One implementation per backend (LiteDB, MongoDB); both pass the same contract tests.
/// </summary>
/// <remarks>
/// Event-driven changes follow <see cref="TrackTransitions"/>: applying the same event twice, or an older
/// event after a newer one, leaves the same state.
/// </remarks>
public interface ITrackRepository
{
    /// <summary>Records an upload (<c>TrackUploaded</c>). A track already known is left as it is; answers whether it was added.</summary>
    Task<bool> AddUploadedAsync(Track track, CancellationToken cancellationToken = default);

    /// <summary><c>AnalysisStarted</c> / <c>AnalysisProgressed</c>.</summary>
    Task<TransitionOutcome> MarkAnalyzingAsync(string userId, Guid trackId, DateTimeOffset occurredAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>AnalysisCompleted</c>: stores the analysis and clears any error. The owner's corrections stay and go over it, with
    /// <paramref name="preferredTempoBpm"/> (their tempo preference for it, <see cref="TempoPreference"/>) where they set no tempo.
    /// </summary>
    Task<TransitionOutcome> MarkAnalyzedAsync(
        string userId, Guid trackId, TrackAnalysis analysis, DateTimeOffset occurredAt, CancellationToken cancellationToken = default, double? preferredTempoBpm = null);

    /// <summary>
    /// The owner sets or clears corrected values (<see cref="CorrectionRules.Change"/>), with their <c>TrackCorrected</c> in
    /// the outbox in the same write: <c>Ignored</c> for a track not analysed yet.
    /// </summary>
    Task<TransitionOutcome> CorrectAsync(string userId, Guid trackId, CorrectionChange change, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The tempo corrections the user made themselves (not derived ones), for <see cref="TempoPreference"/>.</summary>
    Task<IReadOnlyList<TempoCorrectionPair>> ListTempoCorrectionsAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary><c>AnalysisFailed</c>: keeps the reason for the user.</summary>
    Task<TransitionOutcome> MarkFailedAsync(string userId, Guid trackId, string error, DateTimeOffset occurredAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// A re-analysis the user asked for: the one legal way back, from <c>analyzed</c> or <c>failed</c> to
    /// <c>analyzing</c>. The previous analysis stays until the new one completes.
    /// </summary>
    Task<TransitionOutcome> RequestReanalysisAsync(string userId, Guid trackId, DateTimeOffset requestedAt, CancellationToken cancellationToken = default);

    /// <summary>Puts the user's track in a bulk re-analysis (see <see cref="BulkReanalysis.Request"/>); <c>Ignored</c> when it cannot be.</summary>
    Task<TransitionOutcome> RequestBulkReanalysisAsync(string userId, Guid trackId, Guid batchId, int batchSize, DateTimeOffset requestedAt, CancellationToken cancellationToken = default);

    /// <summary>The user's newest bulk re-analysis, counted from its tracks' marks; null when there never was one.</summary>
    Task<ReanalysisProgress?> GetReanalysisProgressAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The reconciler asks again for the analysis of a stuck track (see <see cref="TrackTransitions.Recovery"/>):
    /// <c>Ignored</c> when the track moved on since <paramref name="seenLastEventAt"/>.
    /// </summary>
    Task<TransitionOutcome> MarkRecoveryAttemptAsync(string userId, Guid trackId, DateTime seenLastEventAt, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<Track?> GetAsync(string userId, Guid trackId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the track for its owner and puts its <c>TrackDeleted</c> in the outbox in the same write (see
    /// <see cref="TrackTransitions.Deletion"/>), then removes the links of the user's other tracks to it; answers false when the user has no such track (deleting twice is not an error).
    /// </summary>
    Task<bool> DeleteAsync(string userId, Guid trackId, CancellationToken cancellationToken = default);

    /// <summary>One page of the user's tracks as list rows: the analysis without its heavy fields (see <see cref="TrackView.Summary"/>).</summary>
    Task<PagedList<Track>> ListAsync(string userId, TrackQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every track of the user the filter matches, with only the fields <paramref name="view"/> needs; newest first for <see cref="TrackView.Map"/>.</summary>
    Task<IReadOnlyList<Track>> ListMatchingAsync(string userId, TrackFilter filter, TrackView view, CancellationToken cancellationToken = default);

    /// <summary>Tracks with events waiting in their outbox (deleted ones included), oldest change first.</summary>
    Task<IReadOnlyList<Track>> ListOutboxAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Removes a published event from the track's outbox; a deleted track whose outbox is then empty is removed.</summary>
    Task RemoveFromOutboxAsync(Guid trackId, Guid messageId, CancellationToken cancellationToken = default);

    /// <summary>Rewrites every record stored before the typed model (the analysis as one JSON document) as typed fields; answers how many.</summary>
    Task<int> UpgradeStoredAnalysesAsync(CancellationToken cancellationToken = default);

    /// <summary>Every analysed track of the user that has an embedding, for similarity.</summary>
    Task<IReadOnlyList<TrackEmbedding>> ListEmbeddingsAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every analysed track of the user with an embedding whose genre or mood they set themselves (source <c>user</c>), for
    /// <see cref="LearnedLabels"/>.
    /// </summary>
    Task<IReadOnlyList<LabelledTrack>> ListLabelledTracksAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The user's analysed tracks with a fingerprint whose duration is within the range (the cheap test before comparing
    /// fingerprints), without <paramref name="exceptTrackIds"/>.
    /// </summary>
    Task<IReadOnlyList<FingerprintCandidate>> ListFingerprintsAsync(
        string userId, IReadOnlySet<Guid> exceptTrackIds, double minDurationSeconds, double maxDurationSeconds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records on the user's analysed track that it is the same recording as <see cref="SameRecordingLink.TrackId"/>
    /// (replacing an earlier link to that track); nothing when the track is gone or not analysed.
    /// </summary>
    Task LinkSameRecordingAsync(string userId, Guid trackId, SameRecordingLink link, CancellationToken cancellationToken = default);

    /// <summary>The user's tracks that are the same recording as another (list rows with their links): what the duplicate groups are built from.</summary>
    Task<IReadOnlyList<Track>> ListWithSameRecordingsAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// For the reconciler, across users: tracks still <c>uploaded</c> or <c>analyzing</c> whose last event is
    /// older than <paramref name="lastEventBefore"/>, oldest first.
    /// </summary>
    Task<IReadOnlyList<Track>> FindStuckAsync(DateTimeOffset lastEventBefore, int limit, CancellationToken cancellationToken = default);
}

/// <summary>Which fields of each track a read needs: what a store leaves out is left at its default.</summary>
public enum TrackView
{
    /// <summary>A list row: everything but the analysis's long arrays (beat times, spectra, feature vector), its extras and the outbox.</summary>
    Summary,

    /// <summary>What the statistics count: status, size, duration and the analysis's scalar fields and top labels.</summary>
    Statistics,

    /// <summary>What the map places and labels: names, top labels, key, tempo, the embedding and its model version.</summary>
    Map,
}

public enum TransitionOutcome
{
    /// <summary>The track changed.</summary>
    Applied,

    /// <summary>The event was a duplicate, older than the track's state, or would move it backwards.</summary>
    Ignored,

    /// <summary>The user has no such track (not uploaded yet, deleted, or another user's).</summary>
    NotFound,
}
