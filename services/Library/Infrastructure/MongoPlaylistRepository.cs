using AudioPlatform.Library.Model;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;

namespace AudioPlatform.Library.Infrastructure;

/// <summary>
/// Playlists in MongoDB's <c>playlists</c> collection (the conventions of <see cref="MongoTrackRepository"/>: camelCase,
/// standard UUIDs). A unique index on user and name key makes one playlist of each name per user, across replicas.
/// </summary>
public sealed class MongoPlaylistRepository : IPlaylistRepository
{
    public const string CollectionName = "playlists";

    private readonly IMongoCollection<Playlist> _playlists;

    static MongoPlaylistRepository()
    {
        BsonClassMap.TryRegisterClassMap<Playlist>(map =>
        {
            map.AutoMap();
            map.MapIdMember(playlist => playlist.Id).SetSerializer(new GuidSerializer(GuidRepresentation.Standard));
        });
    }

    public MongoPlaylistRepository(IMongoDatabase database)
    {
        // The track repository registers the namespace's conventions; its static constructor must have run first.
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(MongoTrackRepository).TypeHandle);
        _playlists = database.GetCollection<Playlist>(CollectionName);
    }

    public Task EnsureIndexesAsync(CancellationToken cancellationToken = default)
    {
        var keys = Builders<Playlist>.IndexKeys;
        return _playlists.Indexes.CreateOneAsync(
            new CreateIndexModel<Playlist>(keys.Combine(keys.Ascending(playlist => playlist.UserId), keys.Ascending(playlist => playlist.NameKey)),
                new CreateIndexOptions { Unique = true }),
            cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<Playlist>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        await _playlists.Find(playlist => playlist.UserId == userId).SortBy(playlist => playlist.NameKey).ToListAsync(cancellationToken);

    public async Task<Playlist?> GetAsync(string userId, Guid playlistId, CancellationToken cancellationToken = default) =>
        await _playlists.Find(playlist => playlist.Id == playlistId && playlist.UserId == userId).FirstOrDefaultAsync(cancellationToken);

    public async Task<PlaylistChange> AddAsync(Playlist playlist, CancellationToken cancellationToken = default)
    {
        try
        {
            await _playlists.InsertOneAsync(playlist, cancellationToken: cancellationToken);
            return PlaylistChange.Applied;
        }
        catch (MongoWriteException exception) when (exception.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return PlaylistChange.NameTaken;
        }
    }

    public async Task<PlaylistChange> UpdateAsync(Playlist playlist, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await _playlists.ReplaceOneAsync(stored => stored.Id == playlist.Id && stored.UserId == playlist.UserId, playlist,
                cancellationToken: cancellationToken);
            return result.MatchedCount == 0 ? PlaylistChange.NotFound : PlaylistChange.Applied;
        }
        catch (MongoWriteException exception) when (exception.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return PlaylistChange.NameTaken;
        }
    }

    public async Task<bool> DeleteAsync(string userId, Guid playlistId, CancellationToken cancellationToken = default) =>
        (await _playlists.DeleteOneAsync(playlist => playlist.Id == playlistId && playlist.UserId == userId, cancellationToken)).DeletedCount > 0;
}
