using System.Text.Json;
using System.Text.RegularExpressions;
using AudioPlatform.Library.Model;
using AudioPlatform.Similarity;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;

namespace AudioPlatform.Library.Infrastructure;

/// <summary>
/// Tracks in MongoDB, for the containers mode: one <c>tracks</c> collection, field names camelCase, ids as
/// standard UUIDs, statuses as strings. Indexes are created by <see cref="EnsureIndexesAsync"/> at start.
/// </summary>
/// <remarks>
/// A transition reads the track, decides with <see cref="TrackTransitions"/>, then replaces it only if its
/// status and last event time are still those it read (optimistic concurrency between replicas), retrying
/// on a lost race.
/// </remarks>
public sealed class MongoTrackRepository : ITrackRepository
{
    public const string CollectionName = "tracks";
    private const int MaxRaceRetries = 5;

    private readonly IMongoCollection<Track> _tracks;

    static MongoTrackRepository()
    {
        ConventionRegistry.Register(
            "AudioPlatform.Library",
            new ConventionPack
            {
                new CamelCaseElementNameConvention(),
                new IgnoreExtraElementsConvention(true),
                new EnumRepresentationConvention(BsonType.String),
            },
            type => type.Namespace == typeof(Track).Namespace || type == typeof(LabelScore));
        BsonClassMap.TryRegisterClassMap<Track>(map =>
        {
            map.AutoMap();
            map.MapIdMember(track => track.Id).SetSerializer(new GuidSerializer(GuidRepresentation.Standard));
        });
        BsonClassMap.TryRegisterClassMap<SameRecordingLink>(map =>
        {
            map.AutoMap();
            map.MapMember(link => link.TrackId).SetSerializer(new GuidSerializer(GuidRepresentation.Standard));
        });
        BsonClassMap.TryRegisterClassMap<OutboxMessage>(map =>
        {
            map.AutoMap();
            map.MapIdMember(message => message.Id).SetSerializer(new GuidSerializer(GuidRepresentation.Standard));
        });
    }

    public MongoTrackRepository(IMongoDatabase database)
    {
        _tracks = database.GetCollection<Track>(CollectionName);
    }

    /// <summary>One index per filter and sort, each led by the user id (every list query filters by it).</summary>
    public async Task EnsureIndexesAsync(CancellationToken cancellationToken = default)
    {
        var keys = Builders<Track>.IndexKeys;
        var byUser = new[]
        {
            keys.Ascending(track => track.CreatedAt),
            keys.Ascending(track => track.SortTitle),
            keys.Ascending(track => track.Status),
            keys.Ascending(track => track.Analysis!.TempoBpm),
            keys.Ascending(track => track.Analysis!.LoudnessLufs),
            keys.Ascending(track => track.Analysis!.Energy),
            keys.Ascending(track => track.Analysis!.Key),
            keys.Ascending(track => track.Analysis!.Camelot),
            keys.Ascending(track => track.Analysis!.GenreNames),
            keys.Ascending(track => track.Analysis!.MoodNames),
            keys.Ascending(track => track.Analysis!.InstrumentNames),
            // The user's own genre and mood labels (ListLabelledTracksAsync), read by every list page and track detail.
            keys.Ascending("corrections.genre.source"),
            keys.Ascending("corrections.mood.source"),
        };
        var models = byUser
            .Select(key => new CreateIndexModel<Track>(keys.Combine(keys.Ascending(track => track.UserId), key)))
            .Append(new CreateIndexModel<Track>(keys.Combine(keys.Ascending(track => track.Status), keys.Ascending(track => track.LastEventAt))))
            .Append(new CreateIndexModel<Track>(keys.Ascending(OutboxCreatedAt)))
            .ToList();
        await _tracks.Indexes.CreateManyAsync(models, cancellationToken);
    }

    public async Task<bool> AddUploadedAsync(Track track, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(track.UserId);
        try
        {
            await _tracks.InsertOneAsync(TrackTransitions.PrepareNew(track), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException exception) when (exception.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
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

    public async Task<ReanalysisProgress?> GetReanalysisProgressAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var filter = Builders<Track>.Filter;
        var mine = filter.Eq(track => track.UserId, userId) & filter.Eq(track => track.DeletedAt, null);
        var newest = await _tracks.Find(mine & filter.Ne(track => track.Reanalysis, null))
            .SortByDescending(track => track.Reanalysis!.RequestedAt)
            .Project(track => track.Reanalysis)
            .FirstOrDefaultAsync(cancellationToken);
        if (newest is null)
        {
            return null;
        }

        var batch = await _tracks.Find(mine & filter.Eq(track => track.Reanalysis!.BatchId, newest.BatchId))
            .Project(track => track.Reanalysis)
            .ToListAsync(cancellationToken);
        return ReanalysisProgress.Of(batch.Select(mark => mark!.FromStore()));
    }

    public Task<TransitionOutcome> RequestReanalysisAsync(string userId, Guid trackId, DateTimeOffset requestedAt, CancellationToken cancellationToken = default) =>
        TransitionAsync(userId, trackId, cancellationToken, TrackTransitions.Reanalysis(requestedAt));

    public async Task<Track?> GetAsync(string userId, Guid trackId, CancellationToken cancellationToken = default)
    {
        var track = await _tracks.Find(Owned(userId, trackId)).FirstOrDefaultAsync(cancellationToken);
        return track is null ? null : TrackTransitions.FromStore(track);
    }

    public async Task<bool> DeleteAsync(string userId, Guid trackId, CancellationToken cancellationToken = default)
    {
        if (await TransitionAsync(userId, trackId, cancellationToken, TrackTransitions.Deletion(DateTimeOffset.UtcNow)) != TransitionOutcome.Applied)
        {
            return false;
        }

        var filter = Builders<Track>.Filter;
        await _tracks.UpdateManyAsync(
            filter.Eq(track => track.UserId, userId) & filter.ElemMatch(track => track.Analysis!.SameRecordingAs, link => link.TrackId == trackId),
            Builders<Track>.Update.PullFilter(track => track.Analysis!.SameRecordingAs, link => link.TrackId == trackId),
            cancellationToken: cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<FingerprintCandidate>> ListFingerprintsAsync(
        string userId, IReadOnlySet<Guid> exceptTrackIds, double minDurationSeconds, double maxDurationSeconds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var filter = Builders<Track>.Filter;
        var tracks = await _tracks
            .Find(filter.Eq(track => track.UserId, userId) & filter.Eq(track => track.Status, TrackStatus.Analyzed) & filter.Eq(track => track.DeletedAt, null)
                & filter.Nin(track => track.Id, exceptTrackIds)
                & filter.Gte(track => track.Analysis!.DurationSeconds, minDurationSeconds) & filter.Lte(track => track.Analysis!.DurationSeconds, maxDurationSeconds)
                & filter.Ne(track => track.Analysis!.Fingerprint, null))
            .Project<Track>(Include(Builders<Track>.Projection, "createdAt", "analysis.fingerprint"))
            .ToListAsync(cancellationToken);
        return tracks
            .Where(track => track.Analysis is { Fingerprint.Length: > 0 })
            .Select(track => new FingerprintCandidate(track.Id, track.Analysis!.Fingerprint!, TrackTransitions.Normalize(track.CreatedAt)))
            .ToList();
    }

    /// <summary>An update of the array alone (not a replace): two tracks linking to this one at once both keep their link.</summary>
    public async Task LinkSameRecordingAsync(string userId, Guid trackId, SameRecordingLink link, CancellationToken cancellationToken = default)
    {
        if (trackId == link.TrackId)
        {
            return;
        }

        var filter = Builders<Track>.Filter;
        var analysed = Owned(userId, trackId) & filter.Eq(track => track.Status, TrackStatus.Analyzed) & filter.Ne(track => track.Analysis, null);
        var update = Builders<Track>.Update;
        // Pull then push: MongoDB refuses both on one array in one update.
        await _tracks.UpdateOneAsync(analysed, update.PullFilter(track => track.Analysis!.SameRecordingAs, existing => existing.TrackId == link.TrackId),
            cancellationToken: cancellationToken);
        await _tracks.UpdateOneAsync(analysed, update.Push(track => track.Analysis!.SameRecordingAs, link), cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<TempoCorrectionPair>> ListTempoCorrectionsAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var filter = Builders<Track>.Filter;
        var tracks = await _tracks
            .Find(filter.Eq(track => track.UserId, userId) & filter.Eq(track => track.DeletedAt, null)
                & filter.Eq("corrections.tempoBpm.source", CorrectionSource.User) & filter.Ne("corrections.tempoBpm.analysisValue", BsonNull.Value))
            .Project<Track>(Include(Builders<Track>.Projection, "corrections.tempoBpm"))
            .ToListAsync(cancellationToken);
        return tracks
            .Select(track => track.Corrections?.TempoBpm)
            .Where(tempo => tempo?.AnalysisValue is not null)
            .Select(tempo => new TempoCorrectionPair(tempo!.AnalysisValue!.Value, tempo.Value))
            .ToList();
    }

    public async Task<IReadOnlyList<Track>> ListWithSameRecordingsAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var filter = Builders<Track>.Filter;
        var tracks = await _tracks
            .Find(filter.Eq(track => track.UserId, userId) & filter.Eq(track => track.DeletedAt, null) & filter.Exists("analysis.sameRecordingAs.0"))
            .Project<Track>(Projection(TrackView.Summary))
            .ToListAsync(cancellationToken);
        return tracks.Select(TrackTransitions.FromStore).ToList();
    }

    public async Task<PagedList<Track>> ListAsync(string userId, TrackQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var (field, descending) = query.ParseSort();
        var (page, pageSize) = query.Paging();
        var filter = Filter(userId, query);

        if (query.RanksSearchMatches)
        {
            return await ListRankedAsync(filter, query.SearchText!, page, pageSize, cancellationToken);
        }

        var total = await _tracks.CountDocumentsAsync(filter, cancellationToken: cancellationToken);
        var items = await _tracks.Find(filter)
            .Project<Track>(Projection(TrackView.Summary))
            .Sort(Sort(field, descending))
            .Skip((page - 1) * pageSize)
            .Limit(pageSize)
            .ToListAsync(cancellationToken);
        return new PagedList<Track>(items.Select(TrackTransitions.FromStore).ToList(), page, pageSize, total);
    }

    /// <summary>What ranking a search's matches reads of each: the id, the lower-cased title and the upload time.</summary>
    internal static readonly ProjectionDefinition<Track, Track> RankingFields =
        Builders<Track>.Projection.Expression(track => new Track { Id = track.Id, SortTitle = track.SortTitle, CreatedAt = track.CreatedAt });

    /// <summary>
    /// A search ranked as <see cref="TrackOrdering.BySearchRank"/> orders it: the matches' titles and dates are read (one
    /// user's matches, a few fields each), ranked here, and only the page's tracks are read whole.
    /// </summary>
    private async Task<PagedList<Track>> ListRankedAsync(FilterDefinition<Track> filter, string searchText, int page, int pageSize, CancellationToken cancellationToken)
    {
        var candidates = await _tracks.Find(filter).Project(RankingFields).ToListAsync(cancellationToken);
        var pageIds = TrackOrdering.BySearchRank(candidates, searchText)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(track => track.Id)
            .ToList();
        var found = await _tracks.Find(Builders<Track>.Filter.In(track => track.Id, pageIds) & filter)
            .Project<Track>(Projection(TrackView.Summary))
            .ToListAsync(cancellationToken);
        var byId = found.ToDictionary(track => track.Id);
        var items = pageIds.Where(byId.ContainsKey).Select(id => TrackTransitions.FromStore(byId[id])).ToList();
        return new PagedList<Track>(items, page, pageSize, candidates.Count);
    }

    public async Task<IReadOnlyList<Track>> ListMatchingAsync(string userId, TrackFilter filter, TrackView view, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var tracks = await _tracks.Find(Filter(userId, filter))
            .Project<Track>(Projection(view))
            .Sort(Sort(TrackSortField.CreatedAt, descending: true))
            .ToListAsync(cancellationToken);
        return tracks.Select(TrackTransitions.FromStore).ToList();
    }

    /// <summary>
    /// What each view reads. A summary leaves out the long fields; statistics and the map name the few they read, so
    /// 50,000 tracks cross the wire as small documents.
    /// </summary>
    internal static ProjectionDefinition<Track> Projection(TrackView view)
    {
        var projection = Builders<Track>.Projection;
        return view switch
        {
            TrackView.Summary => projection.Combine(TrackAnalysis.HeavyFields
                .Select(field => projection.Exclude($"analysis.{JsonNamingPolicy.CamelCase.ConvertName(field)}"))
                .Append(projection.Exclude(track => track.Outbox))),
            TrackView.Statistics => Include(projection,
                "status", "sizeBytes", "createdAt", "analysis.durationSeconds", "analysis.tempoBpm", "analysis.camelot", "analysis.key",
                "analysis.loudnessLufs", "analysis.energy", "analysis.danceability", "analysis.valence", "analysis.topGenre", "analysis.topMood"),
            _ => Include(projection,
                "status", "title", "artist", "fileName", "createdAt", "analyzedAt", "analysis.durationSeconds", "analysis.tempoBpm",
                "analysis.camelot", "analysis.topGenre", "analysis.topMood", "analysis.embedding", "analysis.modelVersion"),
        };
    }

    private static ProjectionDefinition<Track> Include(ProjectionDefinitionBuilder<Track> projection, params string[] fields) =>
        projection.Combine(fields.Select(field => projection.Include(field)));

    public async Task<IReadOnlyList<TrackEmbedding>> ListEmbeddingsAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var filter = Builders<Track>.Filter;
        var tracks = await _tracks
            .Find(filter.Eq(track => track.UserId, userId) & filter.Eq(track => track.Status, TrackStatus.Analyzed) & filter.Eq(track => track.DeletedAt, null))
            .Project<Track>(Projection(TrackView.Map))
            .ToListAsync(cancellationToken);
        return tracks
            .Where(track => track.Analysis is { Embedding.Length: > 0 })
            .Select(track => new TrackEmbedding(track.Id, track.Analysis!.Embedding, track.Analysis.ModelVersion))
            .ToList();
    }

    public async Task<IReadOnlyList<LabelledTrack>> ListLabelledTracksAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var filter = Builders<Track>.Filter;
        var tracks = await _tracks
            .Find(filter.Eq(track => track.UserId, userId) & filter.Eq(track => track.Status, TrackStatus.Analyzed) & filter.Eq(track => track.DeletedAt, null)
                & (filter.Eq("corrections.genre.source", CorrectionSource.User) | filter.Eq("corrections.mood.source", CorrectionSource.User)))
            .Project<Track>(Include(Builders<Track>.Projection, "status", "corrections.genre", "corrections.mood", "analysis.embedding", "analysis.modelVersion"))
            .ToListAsync(cancellationToken);
        return tracks.Select(LearnedLabels.LabelledOrNull).OfType<LabelledTrack>().ToList();
    }

    public async Task<IReadOnlyList<Track>> FindStuckAsync(DateTimeOffset lastEventBefore, int limit, CancellationToken cancellationToken = default)
    {
        var filter = Builders<Track>.Filter;
        var stuck = await _tracks
            .Find(filter.In(track => track.Status, [TrackStatus.Uploaded, TrackStatus.Analyzing])
                & filter.Lt(track => track.LastEventAt, TrackTransitions.Normalize(lastEventBefore))
                & filter.Eq(track => track.DeletedAt, null))
            .SortBy(track => track.LastEventAt)
            .Limit(limit)
            .ToListAsync(cancellationToken);
        return stuck.Select(TrackTransitions.FromStore).ToList();
    }

    public async Task<IReadOnlyList<Track>> ListOutboxAsync(int limit, CancellationToken cancellationToken = default) =>
        await _tracks.Find(Builders<Track>.Filter.Gt(OutboxCreatedAt, DateTime.MinValue))
            .Sort(Builders<Track>.Sort.Ascending(OutboxCreatedAt))
            .Limit(limit)
            .ToListAsync(cancellationToken);

    public async Task RemoveFromOutboxAsync(Guid trackId, Guid messageId, CancellationToken cancellationToken = default)
    {
        var filter = Builders<Track>.Filter;
        var byId = filter.Eq(track => track.Id, trackId);
        await _tracks.UpdateOneAsync(byId, Builders<Track>.Update.PullFilter(track => track.Outbox, message => message.Id == messageId),
            cancellationToken: cancellationToken);
        // A deleted track stays only while its TrackDeleted waits to be published.
        await _tracks.DeleteOneAsync(byId & filter.Ne(track => track.DeletedAt, null) & filter.Size(track => track.Outbox, 0), cancellationToken);
    }

    public async Task<int> UpgradeStoredAnalysesAsync(CancellationToken cancellationToken = default)
    {
        var filter = Builders<Track>.Filter;
        var legacy = filter.Exists("analysis.json") & filter.Ne("analysis.json", BsonNull.Value);
        var upgraded = 0;
        foreach (var track in await _tracks.Find(legacy).ToListAsync(cancellationToken))
        {
            var seen = track.LastEventAt;
            if (AnalysisDocument.Upgrade(track))
            {
                // Only if no event changed the track meanwhile: a newer analysis is typed already.
                var result = await _tracks.ReplaceOneAsync(filter.Eq(current => current.Id, track.Id) & filter.Eq(current => current.LastEventAt, seen) & legacy,
                    track, cancellationToken: cancellationToken);
                upgraded += (int)result.ModifiedCount;
            }
        }

        return upgraded;
    }

    private const string OutboxCreatedAt = "outbox.createdAt";

    private static FilterDefinition<Track> Owned(string userId, Guid trackId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var filter = Builders<Track>.Filter;
        return filter.Eq(track => track.Id, trackId) & filter.Eq(track => track.UserId, userId) & filter.Eq(track => track.DeletedAt, null);
    }

    private async Task<TransitionOutcome> TransitionAsync(string userId, Guid trackId, CancellationToken cancellationToken, Func<Track, bool> change)
    {
        var filter = Builders<Track>.Filter;
        for (var attempt = 0; ; attempt++)
        {
            var track = await _tracks.Find(Owned(userId, trackId)).FirstOrDefaultAsync(cancellationToken);
            if (track is null)
            {
                return TransitionOutcome.NotFound;
            }

            TrackTransitions.FromStore(track);
            // The last change's time too: a correction changes neither the status nor the last event.
            var (status, lastEventAt, updatedAt) = (track.Status, track.LastEventAt, track.UpdatedAt);
            if (!change(track))
            {
                return TransitionOutcome.Ignored;
            }

            var unchanged = Owned(userId, trackId)
                & filter.Eq(current => current.Status, status)
                & filter.Eq(current => current.LastEventAt, lastEventAt)
                & filter.Eq(current => current.UpdatedAt, updatedAt);
            var result = await _tracks.ReplaceOneAsync(unchanged, track, cancellationToken: cancellationToken);
            if (result.MatchedCount > 0)
            {
                return TransitionOutcome.Applied;
            }

            if (attempt >= MaxRaceRetries)
            {
                throw new InvalidOperationException($"Track {trackId} kept changing under {MaxRaceRetries} attempts to update it.");
            }
        }
    }

    internal static FilterDefinition<Track> Filter(string userId, TrackFilter query)
    {
        var filter = Builders<Track>.Filter;
        var all = new List<FilterDefinition<Track>> { filter.Eq(track => track.UserId, userId), filter.Eq(track => track.DeletedAt, null) };
        if (query.StatusValue is { } status)
        {
            all.Add(filter.Eq(track => track.Status, status));
        }

        if (query.SearchText is { } text)
        {
            var anywhere = new BsonRegularExpression(Regex.Escape(text), "i");
            all.Add(filter.Or(
                filter.Regex(track => track.Title, anywhere),
                filter.Regex(track => track.Artist, anywhere),
                filter.Regex(track => track.Album, anywhere),
                filter.Regex(track => track.FileName, anywhere),
                filter.Regex("analysis.tags", new BsonRegularExpression($"^{Regex.Escape(text)}$", "i"))));
        }

        if (!string.IsNullOrWhiteSpace(query.Genre))
        {
            all.Add(filter.AnyEq(track => track.Analysis!.GenreNames, query.Genre.ToLowerInvariant()));
        }

        if (!string.IsNullOrWhiteSpace(query.Mood))
        {
            all.Add(filter.AnyEq(track => track.Analysis!.MoodNames, query.Mood.ToLowerInvariant()));
        }

        if (!string.IsNullOrWhiteSpace(query.Instrument))
        {
            all.Add(filter.AnyEq(track => track.Analysis!.InstrumentNames, query.Instrument.ToLowerInvariant()));
        }

        if (!string.IsNullOrWhiteSpace(query.Key))
        {
            all.Add(filter.Eq(track => track.Analysis!.Key, query.Key));
        }

        switch (query.CamelotCodes())
        {
            case [var code]:
                all.Add(filter.Eq(track => track.Analysis!.Camelot, code));
                break;
            case { Count: > 1 } codes:
                all.Add(filter.In(track => track.Analysis!.Camelot, codes));
                break;
        }

        switch (query.BpmRanges())
        {
            case [var (min, max)]:
                all.Add(Range(track => track.Analysis!.TempoBpm, min, max));
                break;
            case { Count: > 1 } ranges:
                all.Add(filter.Or(ranges.Select(range => Range(track => track.Analysis!.TempoBpm, range.Min, range.Max))));
                break;
        }

        if (query.LoudnessMin is not null || query.LoudnessMax is not null)
        {
            all.Add(Range(track => track.Analysis!.LoudnessLufs, query.LoudnessMin, query.LoudnessMax));
        }

        if (query.EnergyMin is { } energyMin)
        {
            all.Add(filter.Gte(track => track.Analysis!.Energy, energyMin));
        }

        if (query.EnergyMax is { } energyMax)
        {
            all.Add(filter.Lte(track => track.Analysis!.Energy, energyMax));
        }

        return filter.And(all);
    }

    /// <summary>Between the bounds given (inclusive); a track without the value matches no bound, as in <see cref="TrackFilter.Predicate"/>.</summary>
    private static FilterDefinition<Track> Range(System.Linq.Expressions.Expression<Func<Track, double?>> field, double? min, double? max)
    {
        var filter = Builders<Track>.Filter;
        var bounds = new List<FilterDefinition<Track>>();
        if (min is { } low)
        {
            bounds.Add(filter.Gte(field, low));
        }

        if (max is { } high)
        {
            bounds.Add(filter.Lte(field, high));
        }

        return filter.And(bounds);
    }

    internal static SortDefinition<Track> Sort(TrackSortField field, bool descending)
    {
        var sort = Builders<Track>.Sort;
        SortDefinition<Track> By(System.Linq.Expressions.Expression<Func<Track, object?>> key) =>
            descending ? sort.Descending(key) : sort.Ascending(key);

        var primary = field switch
        {
            TrackSortField.CreatedAt => By(track => track.CreatedAt),
            TrackSortField.TempoBpm => By(track => track.Analysis!.TempoBpm),
            TrackSortField.LoudnessLufs => By(track => track.Analysis!.LoudnessLufs),
            TrackSortField.Energy => By(track => track.Analysis!.Energy),
            TrackSortField.Title => By(track => track.SortTitle),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        return sort.Combine(primary, descending ? sort.Descending(track => track.Id) : sort.Ascending(track => track.Id));
    }
}
