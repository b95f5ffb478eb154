using AudioPlatform.Library.Model;
using LiteDB;

namespace AudioPlatform.Library.Infrastructure;

/// <summary>
/// Tracks in a LiteDB file, for the local mode. Takes the process's one <see cref="LiteDatabase"/> (a second
/// instance on the same file is not locked out on Linux and would corrupt it).
/// </summary>
/// <remarks>
/// Filters run in LiteDB on indexed fields; the matching user's tracks are then sorted and paged in memory,
/// because LiteDB 5 orders by one expression only and pages need the id as a tiebreak. Read-modify-write
/// changes are serialised by a lock: LiteDB serves one process.
/// </remarks>
public sealed class LiteDbTrackRepository : ITrackRepository
{
    public const string CollectionName = "tracks";

    private readonly ILiteCollection<Track> _tracks;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public LiteDbTrackRepository(LiteDatabase database)
    {
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
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<TransitionOutcome> MarkAnalyzingAsync(string userId, Guid trackId, DateTimeOffset occurredAt, CancellationToken cancellationToken = default) =>
        TransitionAsync(userId, trackId, cancellationToken, TrackTransitions.To(TrackStatus.Analyzing, occurredAt));

    public Task<TransitionOutcome> MarkAnalyzedAsync(string userId, Guid trackId, TrackAnalysis analysis, DateTimeOffset occurredAt, CancellationToken cancellationToken = default) =>
        TransitionAsync(userId, trackId, cancellationToken, TrackTransitions.To(TrackStatus.Analyzed, occurredAt, analysis));

    public Task<TransitionOutcome> MarkFailedAsync(string userId, Guid trackId, string error, DateTimeOffset occurredAt, CancellationToken cancellationToken = default) =>
        TransitionAsync(userId, trackId, cancellationToken, TrackTransitions.To(TrackStatus.Failed, occurredAt, error: error));

    public Task<TransitionOutcome> MarkRecoveryAttemptAsync(string userId, Guid trackId, DateTime seenLastEventAt, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        TransitionAsync(userId, trackId, cancellationToken, TrackTransitions.Recovery(seenLastEventAt, at));

    public Task<TransitionOutcome> RequestReanalysisAsync(string userId, Guid trackId, DateTimeOffset requestedAt, CancellationToken cancellationToken = default) =>
        TransitionAsync(userId, trackId, cancellationToken, TrackTransitions.Reanalysis(requestedAt));

    public Task<Track?> GetAsync(string userId, Guid trackId, CancellationToken cancellationToken = default) =>
        Task.FromResult(FindOwned(userId, trackId) is { } track ? TrackTransitions.FromStore(track) : null);

    public async Task<bool> DeleteAsync(string userId, Guid trackId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return _tracks.DeleteMany(track => track.Id == trackId && track.UserId == userId) > 0;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<PagedList<Track>> ListAsync(string userId, TrackQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var (field, descending) = query.ParseSort();
        var (page, pageSize) = query.Paging();

        var matches = _tracks.Find(Filter(userId, query)).Select(TrackTransitions.FromStore).ToList();
        var ordered = query.RanksSearchMatches
            ? TrackOrdering.BySearchRank(matches, query.SearchText!)
            : TrackOrdering.Sort(matches, field, descending);
        var items = ordered
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToList();
        return Task.FromResult(new PagedList<Track>(items, page, pageSize, matches.Count));
    }

    public Task<IReadOnlyList<TrackEmbedding>> ListEmbeddingsAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        IReadOnlyList<TrackEmbedding> embeddings = _tracks
            .Find(BsonExpression.Create("$.UserId = @0 AND $.Status = @1", userId, nameof(TrackStatus.Analyzed)))
            .Where(track => track.Analysis is { Embedding.Length: > 0 })
            .Select(track => new TrackEmbedding(track.Id, track.Analysis!.Embedding, track.Analysis.ModelVersion))
            .ToList();
        return Task.FromResult(embeddings);
    }

    public Task<IReadOnlyList<Track>> FindStuckAsync(DateTimeOffset lastEventBefore, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Track> stuck = _tracks.Query()
            .Where(BsonExpression.Create("($.Status = @0 OR $.Status = @1) AND $.LastEventAt < @2",
                nameof(TrackStatus.Uploaded), nameof(TrackStatus.Analyzing), TrackTransitions.Normalize(lastEventBefore)))
            .OrderBy(BsonExpression.Create("$.LastEventAt"))
            .Limit(limit)
            .ToList()
            .Select(TrackTransitions.FromStore)
            .ToList();
        return Task.FromResult(stuck);
    }

    private Track? FindOwned(string userId, Guid trackId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return _tracks.FindById(trackId) is { } track && track.UserId == userId ? track : null;
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
            return TransitionOutcome.Applied;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static BsonExpression Filter(string userId, TrackQuery query)
    {
        var clauses = new List<string>();
        var parameters = new List<BsonValue>();

        void Add(string clause, BsonValue value)
        {
            clauses.Add(clause.Replace("@", "@" + parameters.Count, StringComparison.Ordinal));
            parameters.Add(value);
        }

        Add("$.UserId = @", userId);
        if (query.Status is { } status)
        {
            Add("$.Status = @", status.ToString());
        }

        if (query.SearchText is { } text)
        {
            // Written out rather than through Add: the bare @ inside MAP is each tag, not a parameter.
            var p = $"@{parameters.Count}";
            clauses.Add($"(INDEXOF(LOWER($.Title), {p}) >= 0 OR INDEXOF(LOWER($.Artist), {p}) >= 0 OR INDEXOF(LOWER($.Album), {p}) >= 0"
                + $" OR INDEXOF(LOWER($.FileName), {p}) >= 0 OR MAP($.Analysis.Tags[*] => LOWER(@)) ANY = {p})");
            parameters.Add(text);
        }

        if (!string.IsNullOrWhiteSpace(query.Genre))
        {
            Add("$.Analysis.GenreNames[*] ANY = @", query.Genre.ToLowerInvariant());
        }

        if (!string.IsNullOrWhiteSpace(query.Mood))
        {
            Add("$.Analysis.MoodNames[*] ANY = @", query.Mood.ToLowerInvariant());
        }

        if (!string.IsNullOrWhiteSpace(query.Instrument))
        {
            Add("$.Analysis.InstrumentNames[*] ANY = @", query.Instrument.ToLowerInvariant());
        }

        if (!string.IsNullOrWhiteSpace(query.Key))
        {
            Add("$.Analysis.Key = @", query.Key);
        }

        if (!string.IsNullOrWhiteSpace(query.Camelot))
        {
            Add("$.Analysis.Camelot = @", query.Camelot.ToUpperInvariant());
        }

        if (query.BpmMin is { } bpmMin)
        {
            Add("$.Analysis.TempoBpm >= @", bpmMin);
        }

        if (query.BpmMax is { } bpmMax)
        {
            Add("$.Analysis.TempoBpm <= @", bpmMax);
        }

        if (query.EnergyMin is { } energyMin)
        {
            Add("$.Analysis.Energy >= @", energyMin);
        }

        if (query.EnergyMax is { } energyMax)
        {
            Add("$.Analysis.Energy <= @", energyMax);
        }

        return BsonExpression.Create(string.Join(" AND ", clauses), parameters.ToArray());
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
