namespace AudioPlatform.Library.Model;

/// <summary>
/// The users' smart playlists. As with tracks, every method takes the user id and filters by it here: another user's
/// playlist id answers as if it did not exist. One implementation per backend (LiteDB, MongoDB).
/// </summary>
public interface IPlaylistRepository
{
    /// <summary>The user's playlists, by name.</summary>
    Task<IReadOnlyList<Playlist>> ListAsync(string userId, CancellationToken cancellationToken = default);

    Task<Playlist?> GetAsync(string userId, Guid playlistId, CancellationToken cancellationToken = default);

    /// <summary>Stores a new playlist; <see cref="PlaylistChange.NameTaken"/> when the user has one of that name already.</summary>
    Task<PlaylistChange> AddAsync(Playlist playlist, CancellationToken cancellationToken = default);

    /// <summary>Replaces the playlist's name, filter and sort (the user and creation time stay).</summary>
    Task<PlaylistChange> UpdateAsync(Playlist playlist, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string userId, Guid playlistId, CancellationToken cancellationToken = default);
}
