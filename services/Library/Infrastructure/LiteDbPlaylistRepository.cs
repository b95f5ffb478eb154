using AudioPlatform.Library.Model;
using LiteDB;

namespace AudioPlatform.Library.Infrastructure;

/// <summary>Playlists in the LiteDB file, beside the tracks; name uniqueness checked under one lock (LiteDB serves one process).</summary>
public sealed class LiteDbPlaylistRepository : IPlaylistRepository
{
    public const string CollectionName = "playlists";

    private readonly ILiteCollection<Playlist> _playlists;
    private readonly Lock _writeLock = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BsonMapper, object> ConfiguredMappers = [];

    public LiteDbPlaylistRepository(LiteDatabase database)
    {
        lock (ConfiguredMappers)
        {
            // Once per mapper (the tests' databases share LiteDB's global one, which refuses a second configuration):
            // the filter's derived values are not state, they are computed again from the stored fields.
            if (!ConfiguredMappers.TryGetValue(database.Mapper, out _))
            {
                database.Mapper.Entity<TrackFilter>().Ignore(filter => filter.StatusValue).Ignore(filter => filter.SearchText);
                ConfiguredMappers.Add(database.Mapper, new object());
            }
        }

        _playlists = database.GetCollection<Playlist>(CollectionName);
        _playlists.EnsureIndex("userId", "$.UserId");
    }

    public Task<IReadOnlyList<Playlist>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Playlist>>(_playlists.Find(playlist => playlist.UserId == userId).OrderBy(playlist => playlist.NameKey, StringComparer.Ordinal).ToList());

    public Task<Playlist?> GetAsync(string userId, Guid playlistId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_playlists.FindById(playlistId) is { } playlist && playlist.UserId == userId ? playlist : null);

    public Task<PlaylistChange> AddAsync(Playlist playlist, CancellationToken cancellationToken = default)
    {
        lock (_writeLock)
        {
            if (NameTaken(playlist))
            {
                return Task.FromResult(PlaylistChange.NameTaken);
            }

            _playlists.Insert(playlist);
            return Task.FromResult(PlaylistChange.Applied);
        }
    }

    public Task<PlaylistChange> UpdateAsync(Playlist playlist, CancellationToken cancellationToken = default)
    {
        lock (_writeLock)
        {
            if (_playlists.FindById(playlist.Id) is not { } stored || stored.UserId != playlist.UserId)
            {
                return Task.FromResult(PlaylistChange.NotFound);
            }

            if (NameTaken(playlist))
            {
                return Task.FromResult(PlaylistChange.NameTaken);
            }

            _playlists.Update(playlist);
            return Task.FromResult(PlaylistChange.Applied);
        }
    }

    public Task<bool> DeleteAsync(string userId, Guid playlistId, CancellationToken cancellationToken = default)
    {
        lock (_writeLock)
        {
            return Task.FromResult(_playlists.FindById(playlistId) is { } playlist && playlist.UserId == userId && _playlists.Delete(playlistId));
        }
    }

    private bool NameTaken(Playlist playlist) =>
        _playlists.Exists(other => other.UserId == playlist.UserId && other.NameKey == playlist.NameKey && other.Id != playlist.Id);
}
