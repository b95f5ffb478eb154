namespace AudioPlatform.Storage;

/// <summary>
/// The object store behind Ingest and Analysis: audio under <c>audio/{userId}/{trackId}</c> (Ingest's), derived
/// blobs under <c>derived/{userId}/{trackId}/…</c> (Analysis's). One implementation per backend (local disk, S3 through the
/// MinIO SDK); both pass the same contract tests.
/// </summary>
/// <remarks>
/// Keys are checked by <see cref="ObjectKey"/> before anything touches the backend: an invalid key
/// throws <see cref="InvalidObjectKeyException"/>. A missing object throws
/// <see cref="StoredObjectNotFoundException"/> from the read methods; <see cref="StatAsync"/> answers null.
/// </remarks>
public interface IObjectStorage
{
    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="key"/>, replacing any object there. The body is
    /// streamed, never held whole in memory. The object is visible only once completely stored.
    /// </summary>
    Task<ObjectProperties> PutAsync(string key, Stream content, ObjectWrite write, CancellationToken cancellationToken = default);

    /// <summary>
    /// A place for the bytes of an object that is still to be checked (an upload): written as they arrive, then
    /// committed under a key or dropped. See <see cref="ObjectDraft"/>; the caller disposes it.
    /// </summary>
    ObjectDraft CreateDraft();

    /// <summary>The whole object as a stream the caller disposes.</summary>
    Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// <paramref name="length"/> bytes from <paramref name="offset"/> (fewer when the object ends first), for
    /// HTTP range requests. An offset at or past the end throws <see cref="ObjectRangeNotSatisfiableException"/>.
    /// </summary>
    Task<Stream> GetRangeAsync(string key, long offset, long length, CancellationToken cancellationToken = default);

    /// <summary>Size, content type, metadata and ETag; null when there is no such object.</summary>
    Task<ObjectProperties?> StatAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the object; removing a missing object is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The keys of every object whose key starts with <paramref name="prefix"/> (which must end with <c>/</c>), in
    /// ordinal order. For small families such as an outbox, not for the audio: the whole list is held in memory.
    /// </summary>
    Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every object whose key starts with <paramref name="prefix"/>, which must end with <c>/</c>
    /// (so <c>derived/1/</c> never removes <c>derived/12/…</c>). Answers how many were removed.
    /// </summary>
    Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default);
}

/// <summary>How to store one object.</summary>
/// <param name="ContentType">The MIME type answered on reads.</param>
/// <param name="Length">The body's length when known; null streams a body of unknown length.</param>
/// <param name="Metadata">
/// User metadata. Names are lower-case <c>[a-z0-9-]</c> (S3 folds names to lower case); values may be any text.
/// </param>
public sealed record ObjectWrite(
    string ContentType = "application/octet-stream",
    long? Length = null,
    IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>What the store knows about one object.</summary>
public sealed record ObjectProperties(
    string Key,
    long Size,
    string ContentType,
    string ETag,
    DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string> Metadata);
