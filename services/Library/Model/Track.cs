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

    public TrackAnalysis? Analysis { get; set; }

    /// <summary>How many times the reconciler asked again for an analysis that never came back.</summary>
    public int RecoveryAttempts { get; set; }
}

/// <summary>
/// The analysis as a flexible document: the fields lists filter and sort on are promoted, the whole
/// engine output is kept as JSON so new engine features need no schema change.
/// </summary>
public sealed class TrackAnalysis
{
    public double? TempoBpm { get; set; }

    /// <summary>For example <c>A minor</c>.</summary>
    public string? Key { get; set; }

    /// <summary>For example <c>8A</c>.</summary>
    public string? Camelot { get; set; }

    public double? LoudnessLufs { get; set; }

    /// <summary>0..1.</summary>
    public double? Energy { get; set; }

    public List<Label> Genres { get; set; } = [];

    public List<Label> Moods { get; set; } = [];

    public List<Label> Instruments { get; set; } = [];

    /// <summary>Lower-cased label names of <see cref="Genres"/>, for filtering.</summary>
    public List<string> GenreNames { get; set; } = [];

    public List<string> MoodNames { get; set; } = [];

    public List<string> InstrumentNames { get; set; } = [];

    public List<string> Tags { get; set; } = [];

    public string? Description { get; set; }

    /// <summary>The vector similarity compares; empty when the engine produced none.</summary>
    public float[] Embedding { get; set; } = [];

    public string EngineVersion { get; set; } = "";

    /// <summary>The models and embedding layout that produced the labels: embeddings of different versions are never compared.</summary>
    public string? ModelVersion { get; set; }

    /// <summary>The engine's whole analysis document (camelCase JSON), as <c>AnalysisCompleted</c> carried it.</summary>
    public string Json { get; set; } = "{}";
}

/// <summary>A classifier's label with its confidence (0..1).</summary>
public sealed class Label
{
    public string Name { get; set; } = "";

    public double Confidence { get; set; }
}

/// <summary>What similarity needs of each track.</summary>
public sealed record TrackEmbedding(Guid TrackId, float[] Embedding, string? ModelVersion);

/// <summary>
/// One page of a list, with the total the filters matched; serialises as <c>{ items, page, pageSize, totalCount }</c>.
/// (C# forbids a member named like its type, hence not <c>Page&lt;T&gt;</c>.)
/// </summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount);
