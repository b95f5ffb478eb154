using System.Text.Json;

namespace AudioPlatform.Storage;

/// <summary>
/// Objects as files under one directory, for the local mode. Layout: <c>data/{key}</c> holds the body,
/// <c>meta/{key}.json</c> the sidecar (content type, metadata, ETag), <c>tmp/</c> the writes in progress.
/// </summary>
/// <remarks>
/// A write goes to a temporary file that is flushed to disk and then renamed over the key, so a reader or
/// a crash never sees half an object: a crash leaves at most a stray file in <c>tmp/</c>, removed at the
/// next start. The sidecar is renamed into place before the body, so a new object never appears without
/// its metadata. A key cannot also be a prefix of another key (a file cannot be a directory); the platform's
/// key scheme never needs that.
/// </remarks>
public sealed class LocalDiskObjectStorage : IObjectStorage
{
    private const string DefaultContentType = "application/octet-stream";
    private const int BufferSize = 81920;

    private static readonly JsonSerializerOptions SidecarJson = new(JsonSerializerDefaults.Web);

    private readonly string _dataRoot;
    private readonly string _metaRoot;
    private readonly string _tempRoot;

    public LocalDiskObjectStorage(string rootDirectory)
    {
        RootDirectory = Path.GetFullPath(rootDirectory);
        _dataRoot = Path.Combine(RootDirectory, "data");
        _metaRoot = Path.Combine(RootDirectory, "meta");
        _tempRoot = Path.Combine(RootDirectory, "tmp");
        Directory.CreateDirectory(_dataRoot);
        Directory.CreateDirectory(_metaRoot);
        Directory.CreateDirectory(_tempRoot);
        RemoveAbandonedWrites();
    }

    public string RootDirectory { get; }

    public async Task<ObjectProperties> PutAsync(string key, Stream content, ObjectWrite write, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        CopyMetadata(write.Metadata);

        await using var draft = CreateDraft();
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await draft.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return await draft.CommitAsync(key, write, cancellationToken);
    }

    /// <summary>A draft in this store's own <c>tmp/</c> folder, committed by renaming it over the key.</summary>
    public ObjectDraft CreateDraft() => new LocalDraft(this, NewTempPath());

    public Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream>(OpenRead(key));

    public Task<Stream> GetRangeAsync(string key, long offset, long length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var file = OpenRead(key);
        if (offset >= file.Length)
        {
            var size = file.Length;
            file.Dispose();
            throw new ObjectRangeNotSatisfiableException(key, offset, size);
        }

        file.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<Stream>(new BoundedReadStream(file, Math.Min(length, file.Length - offset)));
    }

    public async Task<ObjectProperties?> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        var data = new FileInfo(DataPath(key));
        if (!data.Exists)
        {
            return null;
        }

        var sidecar = await ReadSidecarAsync(key, cancellationToken);
        return new ObjectProperties(
            key,
            data.Length,
            sidecar?.ContentType ?? DefaultContentType,
            sidecar?.ETag ?? "",
            data.LastWriteTimeUtc,
            sidecar?.Metadata ?? new Dictionary<string, string>());
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        return Task.FromResult(File.Exists(DataPath(key)));
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        File.Delete(DataPath(key));
        File.Delete(MetaPath(key));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(prefix);
        var dataDirectory = Path.Combine(_dataRoot, prefix);
        IReadOnlyList<string> keys = Directory.Exists(dataDirectory)
            ? Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories)
                .Select(file => Path.GetRelativePath(_dataRoot, file).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        return Task.FromResult(keys);
    }

    public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(prefix);
        var dataDirectory = Path.Combine(_dataRoot, prefix);
        var removed = 0;
        if (Directory.Exists(dataDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories).ToList())
            {
                cancellationToken.ThrowIfCancellationRequested();
                File.Delete(file);
                removed++;
            }

            Directory.Delete(dataDirectory, recursive: true);
        }

        var metaDirectory = Path.Combine(_metaRoot, prefix);
        if (Directory.Exists(metaDirectory))
        {
            Directory.Delete(metaDirectory, recursive: true);
        }

        return Task.FromResult(removed);
    }

    /// <summary>Proves the directory is writable: what the health check asks.</summary>
    public async Task ProbeWritableAsync(CancellationToken cancellationToken)
    {
        var probe = NewTempPath();
        try
        {
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
        }
        finally
        {
            File.Delete(probe);
        }
    }

    private FileStream OpenRead(string key)
    {
        ObjectKey.Validate(key);
        try
        {
            return new FileStream(DataPath(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StoredObjectNotFoundException(key, exception);
        }
    }

    private async Task<Sidecar?> ReadSidecarAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(MetaPath(key));
            return await JsonSerializer.DeserializeAsync<Sidecar>(file, SidecarJson, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> CopyMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            ObjectKey.ValidateMetadataName(name);
            copy[name] = value;
        }

        return copy;
    }

    private void RemoveAbandonedWrites()
    {
        foreach (var file in Directory.EnumerateFiles(_tempRoot))
        {
            if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddHours(-1))
            {
                File.Delete(file);
            }
        }
    }

    private string NewTempPath() => Path.Combine(_tempRoot, $"{Guid.NewGuid():N}.tmp");

    private string DataPath(string key) => Path.Combine(_dataRoot, key);

    private string MetaPath(string key) => Path.Combine(_metaRoot, key + ".json");

    private sealed record Sidecar(string ContentType, string ETag, Dictionary<string, string> Metadata);

    /// <remarks>
    /// The body is flushed to disk and the sidecar written and flushed before either is renamed into place, the
    /// sidecar first, so a reader or a crash never sees half an object or an object without its metadata.
    /// </remarks>
    private sealed class LocalDraft(LocalDiskObjectStorage store, string path) : ObjectDraft(path, durable: true)
    {
        protected override async Task<ObjectProperties> StoreAsync(string key, ObjectWrite write, CancellationToken cancellationToken)
        {
            var metadata = CopyMetadata(write.Metadata);
            using (var body = new FileStream(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
            {
                body.Flush(flushToDisk: true);
            }

            var sidecar = new Sidecar(string.IsNullOrWhiteSpace(write.ContentType) ? DefaultContentType : write.ContentType, ContentHash!, metadata);
            var tempMeta = store.NewTempPath();
            try
            {
                await using (var file = new FileStream(tempMeta, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
                {
                    await JsonSerializer.SerializeAsync(file, sidecar, SidecarJson, cancellationToken);
                    file.Flush(flushToDisk: true);
                }

                var dataPath = store.DataPath(key);
                var metaPath = store.MetaPath(key);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(dataPath)!);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(metaPath)!);
                File.Move(tempMeta, metaPath, overwrite: true);
                File.Move(Path, dataPath, overwrite: true);
                return new ObjectProperties(key, Length, sidecar.ContentType, sidecar.ETag, File.GetLastWriteTimeUtc(dataPath), metadata);
            }
            finally
            {
                File.Delete(tempMeta);
            }
        }
    }
}
