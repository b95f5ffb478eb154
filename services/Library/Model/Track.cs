using System.Text.Json;
using System.Text.Json.Serialization;
using AudioPlatform.Similarity;

namespace AudioPlatform.Library.Model;

/// <summary>Where a track is in the pipeline. The rank orders them (see <see cref="TrackTransitions"/>).</summary>
public enum TrackStatus
{
    Uploaded,
    Analyzing,
    Analyzed,
    Failed,
}

/// <summary>One user's track: what Ingest stored and, once analysed, what Analysis found.</summary>
/// <remarks>Times are UTC with millisecond precision, as both stores keep them.</remarks>
public sealed class Track
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>The title lower-cased: what sorting by title orders, the same way in every store.</summary>
    public string SortTitle { get; set; } = "";

    public string? Artist { get; set; }

    public string? Album { get; set; }

    public string FileName { get; set; } = "";

    public string Format { get; set; } = "";

    public long SizeBytes { get; set; }

    public string ObjectKey { get; set; } = "";

    public TrackStatus Status { get; set; }

    /// <summary>Why the analysis failed, in words meant for the user.</summary>
    public string? Error { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? AnalyzedAt { get; set; }

    /// <summary>When the repository last changed the record.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>The <c>OccurredAt</c> of the newest event applied: orders events and finds stuck tracks.</summary>
    public DateTime LastEventAt { get; set; }

    /// <summary>The analysis, with the owner's corrected values in place of the analysis's (see <see cref="Corrections"/>).</summary>
    public TrackAnalysis? Analysis { get; set; }

    /// <summary>The values the owner corrected, each with the analysis's value it replaces; null when there are none.</summary>
    public TrackCorrections? Corrections { get; set; }

    /// <summary>How many times the reconciler asked again for an analysis that never came back.</summary>
    public int RecoveryAttempts { get; set; }

    /// <summary>The bulk re-analysis this track is part of (the newest), while it waits and after it finished.</summary>
    public ReanalysisMark? Reanalysis { get; set; }

    /// <summary>
    /// Events announcing changes to this record, not yet published: written by the same document write as the change, so
    /// the two cannot disagree; <see cref="Outbox.OutboxDispatcher"/> publishes them and removes them.
    /// </summary>
    public List<OutboxMessage> Outbox { get; set; } = [];

    /// <summary>
    /// When the owner deleted the track. Every read treats a deleted track as gone; the record stays only until its
    /// <c>TrackDeleted</c> has left the <see cref="Outbox"/>.
    /// </summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>The track as a list row (<see cref="TrackView.Summary"/>): a copy without the analysis's long arrays and the outbox.</summary>
    public Track Summary()
    {
        var summary = (Track)MemberwiseClone();
        summary.Outbox = [];
        summary.Analysis = Analysis?.Summary();
        return summary;
    }
}

/// <summary>An integration event waiting in a track's outbox: its contract type's name and its JSON.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>The event's type name in <c>AudioPlatform.Contracts</c>, for example <c>TrackDeleted</c>.</summary>
    public string Type { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// The analysis as typed fields: what the engine measured, what the models added, and how sure each is. Lists, statistics
/// and similarity read these fields (indexed where lists filter and sort) and never parse a document. Fields are
/// nullable where an analysis may lack them (an older engine, a track without a beat or a tonal centre).
/// </summary>
/// <remarks>
/// The engine's nested diagnostics the Library has no typed use for (the probe, decoder, tempo candidates, rhythm pattern,
/// and any field a newer engine adds) travel in <see cref="EngineExtras"/> and only reach the detail response.
/// </remarks>
public sealed class TrackAnalysis
{
    public double? DurationSeconds { get; set; }

    /// <summary>Null when the analysis found no beat (<see cref="TempoMissingReason"/> says why).</summary>
    public double? TempoBpm { get; set; }

    public double? TempoConfidence { get; set; }

    public double? TempoAlternativeBpm { get; set; }

    public double? TempoAlternativeConfidence { get; set; }

    /// <summary>The alternative level is nearly as likely: say both ("120 or 240 BPM").</summary>
    public bool TempoAmbiguous { get; set; }

    public string? TempoMissingReason { get; set; }

    public double? PulseClarity { get; set; }

    public List<double> BeatTimes { get; set; } = [];

    /// <summary>For example <c>4/4</c>.</summary>
    public string? TimeSignature { get; set; }

    public double? TimeSignatureConfidence { get; set; }

    public double? OnsetRate { get; set; }

    /// <summary>For example <c>A minor</c>.</summary>
    public string? Key { get; set; }

    public string? KeyMode { get; set; }

    public double? KeyConfidence { get; set; }

    public string? KeyRunnerUp { get; set; }

    public double? KeyRunnerUpConfidence { get; set; }

    /// <summary>For example <c>8A</c>.</summary>
    public string? Camelot { get; set; }

    public string? KeyMissingReason { get; set; }

    public List<double> KeyPitchProfile { get; set; } = [];

    public List<double> KeyBassProfile { get; set; } = [];

    public double? LoudnessLufs { get; set; }

    public double? LoudnessRangeLu { get; set; }

    public double? TruePeakDbtp { get; set; }

    public double? SamplePeakDbfs { get; set; }

    public double? RmsDbfs { get; set; }

    /// <summary>0..1.</summary>
    public double? Energy { get; set; }

    /// <summary>0..1.</summary>
    public double? Danceability { get; set; }

    /// <summary>0..1.</summary>
    public double? Valence { get; set; }

    public double? SpectralCentroidHz { get; set; }

    public double? SpectralCentroidStdHz { get; set; }

    public double? SpectralRolloffHz { get; set; }

    public double? SpectralRolloffStdHz { get; set; }

    public double? SpectralFlatness { get; set; }

    public double? SpectralFlatnessStd { get; set; }

    public double? ZeroCrossingRate { get; set; }

    public double? ZeroCrossingRateStd { get; set; }

    public List<double> MfccMean { get; set; } = [];

    public List<double> MfccStd { get; set; } = [];

    public List<double> ChromaMean { get; set; } = [];

    public List<double> ChromaStd { get; set; } = [];

    public List<double> BandShareMeanDb { get; set; } = [];

    public List<double> BandShareStdDb { get; set; } = [];

    public List<double> BandContrastDb { get; set; } = [];

    /// <summary>The engine's feature vector the models read (empty when it had none).</summary>
    public List<double> FeatureVector { get; set; } = [];

    public List<LabelScore> Genres { get; set; } = [];

    public List<LabelScore> Moods { get; set; } = [];

    public List<LabelScore> Instruments { get; set; } = [];

    /// <summary>Lower-cased label names of <see cref="Genres"/>, for filtering.</summary>
    [JsonIgnore]
    public List<string> GenreNames { get; set; } = [];

    [JsonIgnore]
    public List<string> MoodNames { get; set; } = [];

    [JsonIgnore]
    public List<string> InstrumentNames { get; set; } = [];

    /// <summary>The top genre's name, lower-cased (null without one): what statistics count.</summary>
    public string? TopGenre { get; set; }

    /// <summary>The most confident mood's name, lower-cased (null without one).</summary>
    public string? TopMood { get; set; }

    public List<string> Tags { get; set; } = [];

    public string? Description { get; set; }

    /// <summary>Why the models make no genre, mood or instrument claim (silence, not music, unlike anything they know).</summary>
    public string? LabelsUnknownReason { get; set; }

    /// <summary>Why the models could not be used at all (an unusable feature vector).</summary>
    public string? ClassificationError { get; set; }

    /// <summary>The vector similarity compares; empty when the engine produced none.</summary>
    public float[] Embedding { get; set; } = [];

    public string EngineVersion { get; set; } = "";

    /// <summary>The models and embedding layout that produced the labels: embeddings of different versions are never compared.</summary>
    public string? ModelVersion { get; set; }

    /// <summary>
    /// The Chromaprint fingerprint of the first two minutes (<see cref="FingerprintMatcher.ToBytes"/>), null when none could
    /// be made. Only compared here: never in a response.
    /// </summary>
    [JsonIgnore]
    public byte[]? Fingerprint { get; set; }

    /// <summary>
    /// The user's other tracks found to be the same recording (<see cref="SameRecordings"/>): set with the analysis, and on
    /// the other tracks when they match it later. The responses name the tracks (<c>sameRecordingAs</c>).
    /// </summary>
    [JsonIgnore]
    public List<SameRecordingLink> SameRecordingAs { get; set; } = [];

    /// <summary>The engine's fields not typed above, as a camelCase JSON object (null when there are none).</summary>
    [JsonIgnore]
    public string? EngineExtras { get; set; }

    /// <summary><see cref="EngineExtras"/> as the detail response writes them: beside the typed fields, as the engine named them.</summary>
    /// <remarks>Computed on each read; the stores do not map it.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extras =>
        EngineExtras is null ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(EngineExtras);

    /// <summary>
    /// The whole document as records stored before the typed model kept it. Set only on such records: the repositories
    /// turn them into typed fields at start (<see cref="AnalysisDocument.Upgrade"/>) and on read, and clear it.
    /// </summary>
    [JsonIgnore]
    public string? Json { get; set; }

    /// <summary>
    /// The measured facts tags, descriptions and similarity reasons are built from, read from the typed fields; a missing
    /// measurement is NaN, which no comparison takes for a shared or a loud one.
    /// </summary>
    public TrackFacts Facts() => new(
        DurationSeconds ?? 0, TempoBpm, TempoConfidence ?? 0, TimeSignature ?? "", Key, KeyMode, KeyConfidence ?? 0, Camelot,
        LoudnessLufs ?? double.NaN, LoudnessRangeLu ?? double.NaN, TruePeakDbtp ?? double.NaN, Energy ?? double.NaN,
        Danceability ?? double.NaN, Valence ?? double.NaN, TempoAlternativeBpm, TempoAmbiguous);

    /// <summary>The labels as the models' classification of the track (with the owner's in place where corrected).</summary>
    public TrackClassification Classification() => new(Genres, Moods, Instruments, LabelsUnknownReason);

    /// <summary>A copy without the long arrays, the extras and any legacy document: what a list row and statistics read.</summary>
    public TrackAnalysis Summary()
    {
        var summary = (TrackAnalysis)MemberwiseClone();
        summary.BeatTimes = [];
        summary.KeyPitchProfile = [];
        summary.KeyBassProfile = [];
        summary.MfccMean = [];
        summary.MfccStd = [];
        summary.ChromaMean = [];
        summary.ChromaStd = [];
        summary.BandShareMeanDb = [];
        summary.BandShareStdDb = [];
        summary.BandContrastDb = [];
        summary.FeatureVector = [];
        summary.Fingerprint = null;
        summary.EngineExtras = null;
        summary.Json = null;
        return summary;
    }

    /// <summary>The long fields <see cref="Summary"/> leaves out, by property name: what a store's summary projection excludes.</summary>
    public static IReadOnlyList<string> HeavyFields { get; } =
    [
        nameof(BeatTimes), nameof(KeyPitchProfile), nameof(KeyBassProfile), nameof(MfccMean), nameof(MfccStd), nameof(ChromaMean),
        nameof(ChromaStd), nameof(BandShareMeanDb), nameof(BandShareStdDb), nameof(BandContrastDb), nameof(FeatureVector),
        nameof(Fingerprint), nameof(EngineExtras), nameof(Json),
    ];
}

/// <summary>Another track of the same user that is the same recording, with the fingerprints' similarity (0.8..1).</summary>
public sealed class SameRecordingLink
{
    public Guid TrackId { get; set; }

    public double Similarity { get; set; }

    /// <summary>When the other track was uploaded: a track whose links include an earlier one repeats audio the user had.</summary>
    public DateTime CreatedAt { get; set; }
}

/// <summary>An analysed track's fingerprint, for the comparison with a new one.</summary>
public sealed record FingerprintCandidate(Guid TrackId, byte[] Fingerprint, DateTime CreatedAt);

/// <summary>What similarity and the map need of each track.</summary>
public sealed record TrackEmbedding(Guid TrackId, float[] Embedding, string? ModelVersion);

/// <summary>
/// One page of a list, with the total the filters matched; serialises as <c>{ items, page, pageSize, totalCount }</c>.
/// (C# forbids a member named like its type, hence not <c>Page&lt;T&gt;</c>.)
/// </summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount);
