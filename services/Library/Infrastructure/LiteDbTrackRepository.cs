using System.Collections.Concurrent;
using AudioPlatform.Library.Model;
using AudioPlatform.Similarity;
using LiteDB;

namespace AudioPlatform.Library.Infrastructure;

/// <summary>
/// Tracks in a LiteDB file, for the local mode. Takes the process's one <see cref="LiteDatabase"/> (a second
/// instance on the same file is not locked out on Linux and would corrupt it).
/// </summary>
/// <remarks>
/// <para>
/// Lists, statistics and the map read each user's list rows (<see cref="Track.Summary"/>) from memory. LiteDB 5 reads
/// every document a query touches from its pages, even to project three fields (it then decodes only those): measured
/// here, 0.5 s for 10,000 tracks of 1 KB and 1.5 s with their full analyses, far from a 50 ms page. LiteDB serves one process and every change goes through this
/// repository under one lock, so the rows are loaded at a user's first read and kept current by each write, in the same
/// critical section as the file. The indexes still serve reads by id, the reconciler, the outbox and that first load.
/// </para>
/// <para>Read-modify-write changes are serialised by the lock.</para>
/// </remarks>
public sealed class LiteDbTrackRepository : ITrackRepository
{
    public const string CollectionName = "tracks";
    private const string MetaCollectionName = "meta";
    private const string TypedAnalysesMarker = "typed-analyses";

    private readonly LiteDatabase _database;
    private readonly ILiteCollection<Track> _tracks;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, Dictionary<Guid, Track>> _rows = new(StringComparer.Ordinal);

    /// <summary>Serialises the warm-up of a mapper shared by several databases (LiteDB's global mapper in the tests).</summary>
    private static readonly Lock MapperWarmUp = new();

    public LiteDbTrackRepository(LiteDatabase database)
    {
        _database = database;
        WarmUpMapper(database.Mapper);
        _tracks = database.GetCollection<Track>(CollectionName);
        _tracks.EnsureIndex("userId", "$.UserId");
        _tracks.EnsureIndex("status", "$.Status");
        _tracks.EnsureIndex("lastEventAt", "$.LastEventAt");
        _tracks.EnsureIndex("createdAt", "$.CreatedAt");
        _tracks.EnsureIndex("sortTitle", "$.SortTitle");
        _tracks.EnsureIndex("tempoBpm", "$.Analysis.TempoBpm");
        _tracks.EnsureIndex("loudnessLufs", "$.Analysis.LoudnessLufs");
        _tracks.EnsureIndex("energy", "$.Analysis.Energy");
        _tracks.EnsureIndex("key", "$.Analysis.Key");
        _tracks.EnsureIndex("camelot", "$.Analysis.Camelot");
        _tracks.EnsureIndex("genres", "$.Analysis.GenreNames[*]");
        _tracks.EnsureIndex("moods", "$.Analysis.MoodNames[*]");
        _tracks.EnsureIndex("instruments", "$.Analysis.InstrumentNames[*]");
        _tracks.EnsureIndex("outbox", "$.Outbox[*].CreatedAt");
    }

    public async Task<bool> AddUploadedAsync(Track track, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(track.UserId);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (_tracks.FindById(track.Id) is not null)
            {
                return false;
            }

            _tracks.Insert(TrackTransitions.PrepareNew(track));
            Remember(track);
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<TransitionOutcome> MarkAnalyzingAsync(string userId, Guid trackId, DateTimeOffset occurredAt, CancellationToken cancellationToken = default) =>
        TransitionAsync(userId, trackId, cancellationToken, TrackTransitions.To(TrackStatus.Analyzing, occurredAt));

    public Task<TransitionOutcome> MarkAnalyzedAsync(
        string userId, Guid trackId, TrackAnalysis analysis, DateTimeOffset occurredAt, CancellationToken cancellationToken = default, double? preferredTempoBpm = null) =>
        TransitionAsync(userId, trackId, cancellationToken, TrackTransitions.To(TrackStatus.Analyzed, occurredAt, analysis, preferredTempoBpm: preferredTempoBpm));

    public Task<TransitionOutcome> CorrectAsync(string userId, Guid trackId, CorrectionChange change, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        TransitionAsync(userId, trackId, cancellationToken, CorrectionRules.Change(change, at));

    public Task<TransitionOutcome> MarkFailedAsync(string userId, Guid trackId, string error, DateTimeOffset occurredAt, CancellationToken cancellationToken = default) =>
        TransitionAsync(userId, trackId, cancellationToken, TrackTransitions.To(TrackStatus.Failed, occurredAt, error: error));

    public Task<TransitionOutcome> MarkRecoveryAttemptAsync(string userId, Guid trackId, DateTime seenLastEventAt, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        TransitionAsync(userId, trackId, cancellationToken, TrackTransitions.Recovery(seenLastEventAt, at));

    public Task<TransitionOutcome> RequestBulkReanalysisAsync(
        string userId, Guid trackId, Guid batchId, int batchSize, DateTimeOffset requestedAt, CancellationToken cancellationToken = default) =>
        TransitionAsync(userId, trackId, cancellationToken, BulkReanalysis.Request(batchId, batchSize, requestedAt));

    public async Task<ReanalysisProgress?> GetReanalysisProgressAsync(string userId, CancellationToken cancellationToken = default) =>
        ReanalysisProgress.Of((await RowsAsync(userId, cancellationToken)).Select(track => track.Reanalysis));

    public Task<TransitionOutcome> RequestReanalysisAsync(string userId, Guid trackId, DateTimeOffset requestedAt, CancellationToken cancellationToken = default) =>
        TransitionAsync(userId, trackId, cancellationToken, TrackTransitions.Reanalysis(requestedAt));

    public Task<Track?> GetAsync(string userId, Guid trackId, CancellationToken cancellationToken = default) =>
        Task.FromResult(FindOwned(userId, trackId) is { } track ? TrackTransitions.FromStore(track) : null);

    public async Task<bool> DeleteAsync(string userId, Guid trackId, CancellationToken cancellationToken = default)
    {
        if (await TransitionAsync(userId, trackId, cancellationToken, TrackTransitions.Deletion(DateTimeOffset.UtcNow)) != TransitionOutcome.Applied)
        {
            return false;
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            foreach (var linked in _tracks.Find(BsonExpression.Create("$.UserId = @0 AND $.Analysis.SameRecordingAs[*].TrackId ANY = @1", userId, trackId)).ToList())
            {
                if (SameRecordings.Unlink(linked, trackId))
                {
                    _tracks.Update(linked);
                    Remember(linked);
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }

        return true;
    }

    public async Task<IReadOnlyList<FingerprintCandidate>> ListFingerprintsAsync(
        string userId, IReadOnlySet<Guid> exceptTrackIds, double minDurationSeconds, double maxDurationSeconds, CancellationToken cancellationToken = default)
    {
        // The rows (in memory) narrow by duration; of the few left only the fingerprint and the date are decoded (LiteDB
        // still reads each document's pages, but skips decoding its other fields, and nothing is mapped to a Track).
        var nearby = (await RowsAsync(userId, cancellationToken))
            .Where(track => !exceptTrackIds.Contains(track.Id) && track.Status == TrackStatus.Analyzed
                && track.Analysis?.DurationSeconds is { } duration && duration >= minDurationSeconds && duration <= maxDurationSeconds)
            .Select(track => new BsonValue(track.Id))
            .ToList();
        if (nearby.Count == 0)
        {
            return [];
        }

        IReadOnlyList<FingerprintCandidate> candidates = _tracks.Query()
            .Where(BsonExpression.Create("_id IN @0 AND $.UserId = @1 AND $.DeletedAt = null AND $.Status = @2",
                new BsonArray(nearby), userId, nameof(TrackStatus.Analyzed)))
            .Select(BsonExpression.Create("{ id: $._id, createdAt: $.CreatedAt, fingerprint: $.Analysis.Fingerprint }"))
            .ToEnumerable()
            .Where(row => row["fingerprint"] is { IsBinary: true, AsBinary.Length: > 0 })
            .Select(row => new FingerprintCandidate(row["id"].AsGuid, row["fingerprint"].AsBinary, TrackTransitions.Normalize(row["createdAt"].AsDateTime)))
            .ToList();
        return candidates;
    }

    public Task LinkSameRecordingAsync(string userId, Guid trackId, SameRecordingLink link, CancellationToken cancellationToken = default) =>
        TransitionAsync(userId, trackId, cancellationToken, track => track.Status == TrackStatus.Analyzed && SameRecordings.Link(track, link));

    public async Task<IReadOnlyList<TempoCorrectionPair>> ListTempoCorrectionsAsync(string userId, CancellationToken cancellationToken = default) =>
        (await RowsAsync(userId, cancellationToken))
            .Select(track => track.Corrections?.TempoBpm)
            .Where(tempo => tempo is { Source: CorrectionSource.User, AnalysisValue: not null })
            .Select(tempo => new TempoCorrectionPair(tempo!.AnalysisValue!.Value, tempo.Value))
            .ToList();

    public async Task<IReadOnlyList<Track>> ListWithSameRecordingsAsync(string userId, CancellationToken cancellationToken = default) =>
        (await RowsAsync(userId, cancellationToken)).Where(track => track.Analysis is { SameRecordingAs.Count: > 0 }).ToList();

    public async Task<PagedList<Track>> ListAsync(string userId, TrackQuery query, CancellationToken cancellationToken = default)
    {
        var (field, descending) = query.ParseSort();
        var (page, pageSize) = query.Paging();
        var matches = (await RowsAsync(userId, cancellationToken)).Where(query.Predicate()).ToList();
        var ordered = query.RanksSearchMatches
            ? TrackOrdering.BySearchRank(matches, query.SearchText!)
            : TrackOrdering.Sort(matches, field, descending);
        var items = ordered
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToList();
        return new PagedList<Track>(items, page, pageSize, matches.Count);
    }

    public async Task<IReadOnlyList<Track>> ListMatchingAsync(string userId, TrackFilter filter, TrackView view, CancellationToken cancellationToken = default)
    {
        var matches = (await RowsAsync(userId, cancellationToken)).Where(filter.Predicate());
        // Only the map takes the newest; statistics count all matches in any order.
        return (view == TrackView.Map ? TrackOrdering.Sort(matches, TrackSortField.CreatedAt, descending: true) : matches).ToList();
    }

    public async Task<IReadOnlyList<TrackEmbedding>> ListEmbeddingsAsync(string userId, CancellationToken cancellationToken = default) =>
        (await RowsAsync(userId, cancellationToken))
            .Where(track => track is { Status: TrackStatus.Analyzed, Analysis.Embedding.Length: > 0 })
            .Select(track => new TrackEmbedding(track.Id, track.Analysis!.Embedding, track.Analysis.ModelVersion))
            .ToList();

    public async Task<IReadOnlyList<LabelledTrack>> ListLabelledTracksAsync(string userId, CancellationToken cancellationToken = default) =>
        (await RowsAsync(userId, cancellationToken))
            .Select(LearnedLabels.LabelledOrNull)
            .OfType<LabelledTrack>()
            .ToList();

    public Task<IReadOnlyList<Track>> FindStuckAsync(DateTimeOffset lastEventBefore, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Track> stuck = _tracks.Query()
            // IN lets LiteDB seek the status index to the few unfinished tracks; with OR it scanned the lastEventAt
            // index instead, which in a library of old tracks is every document, once a minute.
            .Where(BsonExpression.Create("$.Status IN [@0, @1] AND $.LastEventAt < @2 AND $.DeletedAt = null",
                nameof(TrackStatus.Uploaded), nameof(TrackStatus.Analyzing), TrackTransitions.Normalize(lastEventBefore)))
            .OrderBy(BsonExpression.Create("$.LastEventAt"))
            .Limit(limit)
            .ToList()
            .Select(TrackTransitions.FromStore)
            .ToList();
        return Task.FromResult(stuck);
    }

    public Task<IReadOnlyList<Track>> ListOutboxAsync(int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Track> pending = _tracks.Find(BsonExpression.Create("$.Outbox[*].CreatedAt ANY > @0", DateTime.MinValue))
            .OrderBy(track => track.Outbox.Min(message => message.CreatedAt))
            .Take(limit)
            .ToList();
        return Task.FromResult(pending);
    }

    public async Task RemoveFromOutboxAsync(Guid trackId, Guid messageId, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (_tracks.FindById(trackId) is not { } track || track.Outbox.RemoveAll(message => message.Id == messageId) == 0)
            {
                return;
            }

            if (track is { DeletedAt: not null, Outbox.Count: 0 })
            {
                _tracks.Delete(trackId);
            }
            else
            {
                _tracks.Update(track);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<int> UpgradeStoredAnalysesAsync(CancellationToken cancellationToken = default)
    {
        var meta = _database.GetCollection(MetaCollectionName);
        if (meta.FindById(TypedAnalysesMarker) is not null)
        {
            return 0;
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var upgraded = 0;
            foreach (var track in _tracks.Find(BsonExpression.Create("$.Analysis.Json != null")).ToList())
            {
                if (AnalysisDocument.Upgrade(track))
                {
                    _tracks.Update(track);
                    upgraded++;
                }
            }

            // Once every record is typed, later starts need not read the whole file again.
            meta.Upsert(new BsonDocument { ["_id"] = TypedAnalysesMarker, ["at"] = DateTime.UtcNow, ["upgraded"] = upgraded });
            _rows.Clear();
            return upgraded;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Builds the mapper's entity maps for every type a track holds, once, before any concurrent use: LiteDB 5 adds a
    /// type's map to a plain dictionary at its first use, and a read racing that add fails with "Collection was
    /// modified" (seen when a request read a track while a consumer wrote one).
    /// </summary>
    private static void WarmUpMapper(BsonMapper mapper)
    {
        lock (MapperWarmUp)
        {
            var sample = new Track
            {
                Analysis = new TrackAnalysis
                {
                    Genres = [new LabelScore("house", 0.5)],
                    SameRecordingAs = [new SameRecordingLink { TrackId = Guid.NewGuid() }],
                },
                Outbox = [new OutboxMessage { Id = Guid.NewGuid(), Type = "TrackDeleted", Body = "{}" }],
                Corrections = new TrackCorrections
                {
                    TempoBpm = new TempoCorrection { Value = 170 },
                    Key = new KeyCorrection { Value = "A minor" },
                    TimeSignature = new TextCorrection { Value = "4/4" },
                    Genre = new LabelCorrection { Value = ["techno"], AnalysisValue = [new LabelScore("house", 0.5)] },
                },
            };
            mapper.ToObject<Track>(mapper.ToDocument(sample));
        }
    }

    /// <summary>The user's list rows, loaded from the file at the first read (under the write lock, so no change slips between).</summary>
    private async Task<IReadOnlyCollection<Track>> RowsAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (!_rows.TryGetValue(userId, out var rows))
        {
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                rows = _rows.GetOrAdd(userId, _ => _tracks.Find(BsonExpression.Create("$.UserId = @0 AND $.DeletedAt = null", userId))
                    .Select(track => TrackTransitions.FromStore(track).Summary())
                    .ToDictionary(track => track.Id));
            }
            finally
            {
                _writeLock.Release();
            }
        }

        lock (rows)
        {
            return rows.Values.ToArray();
        }
    }

    /// <summary>Keeps the user's rows (when loaded) as the file now has the track; called under the write lock.</summary>
    private void Remember(Track track)
    {
        if (!_rows.TryGetValue(track.UserId, out var rows))
        {
            return;
        }

        lock (rows)
        {
            if (track.DeletedAt is null)
            {
                rows[track.Id] = track.Summary();
            }
            else
            {
                rows.Remove(track.Id);
            }
        }
    }

    private Track? FindOwned(string userId, Guid trackId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return _tracks.FindById(trackId) is { DeletedAt: null } track && track.UserId == userId ? track : null;
    }

    private async Task<TransitionOutcome> TransitionAsync(string userId, Guid trackId, CancellationToken cancellationToken, Func<Track, bool> change)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (FindOwned(userId, trackId) is not { } track)
            {
                return TransitionOutcome.NotFound;
            }

            TrackTransitions.FromStore(track);
            if (!change(track))
            {
                return TransitionOutcome.Ignored;
            }

            _tracks.Update(track);
            Remember(track);
            return TransitionOutcome.Applied;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}

/// <summary>The list order both stores give: the field, missing values first when ascending, then the id.</summary>
public static class TrackOrdering
{
    public static IEnumerable<Track> Sort(IEnumerable<Track> tracks, TrackSortField field, bool descending)
    {
        IOrderedEnumerable<Track> ordered = field switch
        {
            TrackSortField.CreatedAt => By(tracks, track => track.CreatedAt, descending),
            TrackSortField.TempoBpm => By(tracks, track => track.Analysis?.TempoBpm, descending),
            TrackSortField.LoudnessLufs => By(tracks, track => track.Analysis?.LoudnessLufs, descending),
            TrackSortField.Energy => By(tracks, track => track.Analysis?.Energy, descending),
            TrackSortField.Title => descending
                ? tracks.OrderByDescending(track => track.SortTitle, StringComparer.Ordinal)
                : tracks.OrderBy(track => track.SortTitle, StringComparer.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        return descending ? ordered.ThenByDescending(track => track.Id) : ordered.ThenBy(track => track.Id);
    }

    /// <summary>A search's matches without an explicit sort: <see cref="TrackQuery.SearchRank"/>, then newest first, then the id.</summary>
    public static IEnumerable<Track> BySearchRank(IEnumerable<Track> tracks, string searchText) =>
        tracks.OrderBy(track => TrackQuery.SearchRank(track.SortTitle, searchText))
            .ThenByDescending(track => track.CreatedAt)
            .ThenByDescending(track => track.Id);

    private static IOrderedEnumerable<Track> By<TKey>(IEnumerable<Track> tracks, Func<Track, TKey> key, bool descending) =>
        descending ? tracks.OrderByDescending(key) : tracks.OrderBy(key);
}
