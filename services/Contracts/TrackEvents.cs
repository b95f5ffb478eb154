namespace AudioPlatform.Contracts;

/// <summary>An upload was durably stored; the object can be read under <see cref="ObjectKey"/>.</summary>
public sealed record TrackUploaded(
    Guid TrackId,
    string ObjectKey,
    string FileName,
    string Format,
    long SizeBytes,
    string? Title,
    string? Artist) : IntegrationEvent
{
    /// <summary>The album tag of the file, when it has one (added after the first version: absent in older events).</summary>
    public string? Album { get; init; }
}

/// <summary>A user asked for a track to be analysed again (for example after a model update).</summary>
public sealed record AnalysisRequested(Guid TrackId, string ObjectKey, string Format) : IntegrationEvent;

/// <summary>
/// The owner asked for many tracks to be analysed again at once (for example after a model update): background work,
/// taken only while no upload waits, so it never holds up a new track. <see cref="BatchId"/> names the request.
/// </summary>
public sealed record BulkReanalysisRequested(Guid TrackId, string ObjectKey, string Format, Guid BatchId) : IntegrationEvent;

/// <summary>A bulk re-analysis moved on: <see cref="Done"/> of <see cref="Total"/> tracks finished, <see cref="Failed"/> of them failed.</summary>
public sealed record ReanalysisProgressed(Guid BatchId, int Total, int Done, int Failed) : IntegrationEvent;

/// <summary>An analysis worker picked the track up.</summary>
public sealed record AnalysisStarted(Guid TrackId, int Attempt) : IntegrationEvent;

/// <summary>An analysis reached a stage; <see cref="Percent"/> is 0..100 over the whole analysis.</summary>
public sealed record AnalysisProgressed(Guid TrackId, string Stage, int Percent) : IntegrationEvent;

/// <summary>
/// An analysis finished. <see cref="AnalysisJson"/> is the analysis document (camelCase JSON) so
/// this contract does not change each time the engine gains a feature.
/// </summary>
public sealed record AnalysisCompleted(Guid TrackId, string AnalysisJson, string EngineVersion) : IntegrationEvent
{
    /// <summary>
    /// The Chromaprint fingerprint of the first two minutes, base64 of its 32-bit sub-fingerprints (little-endian, about
    /// eight a second: some 5 KB for two minutes); null when none could be made (fpcalc missing or failing). Added after
    /// the first version: absent in older events.
    /// </summary>
    public string? Fingerprint { get; init; }
}

/// <summary>An analysis gave up; <see cref="Reason"/> is meant for the user.</summary>
public sealed record AnalysisFailed(Guid TrackId, string Reason, string ErrorCode) : IntegrationEvent;

/// <summary>A track was deleted by its owner; every service drops what it holds for it.</summary>
public sealed record TrackDeleted(Guid TrackId) : IntegrationEvent;

/// <summary>
/// The values of a track its owner corrected (or that their tempo preference set) are now these: each one wins over the
/// analysis's; a null one means the analysis's value stands. Carries the whole set, not a change, so the newest event
/// (by <c>OccurredAt</c>) alone says what holds.
/// </summary>
/// <param name="Key">As the platform names keys: "A minor", "F# major".</param>
/// <param name="Camelot">The key's Camelot code, "8A".</param>
public sealed record TrackCorrected(
    Guid TrackId,
    double? TempoBpm,
    string? Key,
    string? Camelot,
    string? TimeSignature,
    IReadOnlyList<string>? Genres,
    IReadOnlyList<string>? Moods,
    IReadOnlyList<string>? Instruments) : IntegrationEvent;
