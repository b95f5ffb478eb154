using System.Net;
using System.Net.Http.Headers;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace AudioPlatform.Storage;

/// <summary>
/// Objects in one S3 bucket through the MinIO SDK (MinIO in containers mode; any S3 server, Ceph RGW in tests).
/// The bucket is created on first use when missing.
/// </summary>
/// <remarks>
/// Reads go through presigned GET URLs fetched with this class's own <see cref="HttpClient"/>: the SDK's
/// <c>GetObjectAsync</c> hands the body only to a callback (so it cannot be returned as a stream) and, in
/// 7.0.0, throws on the 206 of a ranged read. Metadata values are percent-encoded so any text survives
/// S3's ASCII-only headers.
/// </remarks>
public sealed class MinioObjectStorage : IObjectStorage, IDisposable
{
    private const string MetadataPrefix = "x-amz-meta-";
    private const int PresignedUrlSeconds = 300;

    private readonly IMinioClient _client;
    private readonly HttpClient _http;
    private readonly string _bucket;
    private readonly SemaphoreSlim _bucketLock = new(1, 1);
    private volatile bool _bucketReady;

    public MinioObjectStorage(ObjectStorageOptions options)
    {
        var endpoint = new Uri(options.Endpoint ?? throw new ArgumentException("An S3 endpoint is required.", nameof(options)));
        _bucket = options.Bucket;
        _client = new MinioClient()
            .WithEndpoint(endpoint.Host, endpoint.Port)
            .WithCredentials(options.AccessKey, options.SecretKey)
            .WithRegion(options.Region)
            .WithSSL(endpoint.Scheme == Uri.UriSchemeHttps)
            .Build();
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public string Bucket => _bucket;

    public async Task<ObjectProperties> PutAsync(string key, Stream content, ObjectWrite write, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in write.Metadata ?? new Dictionary<string, string>())
        {
            ObjectKey.ValidateMetadataName(name);
            headers[MetadataPrefix + name] = Uri.EscapeDataString(value);
        }

        await EnsureBucketAsync(cancellationToken);
        var counting = new CountingReadStream(content);
        var contentType = string.IsNullOrWhiteSpace(write.ContentType) ? "application/octet-stream" : write.ContentType;
        Minio.DataModel.Response.PutObjectResponse response;
        try
        {
            response = await Call(key, () => _client.PutObjectAsync(new PutObjectArgs()
                .WithBucket(_bucket)
                .WithObject(key)
                .WithStreamData(counting)
                // -1: the SDK uploads in 5 MiB parts until the stream ends, never holding more than a part.
                .WithObjectSize(write.Length ?? -1)
                .WithContentType(contentType)
                .WithHeaders(headers), cancellationToken));
        }
        catch when (counting.BytesRead > 0)
        {
            await AbortIncompleteUploadAsync(key);
            throw;
        }

        var etag = TrimETag(response.Etag);
        if (string.IsNullOrEmpty(etag))
        {
            // The SDK (7.0.0) answers no ETag for a multipart upload (any body over 5 MiB): the bucket knows it.
            etag = (await StatAsync(key, cancellationToken))?.ETag ?? "";
        }

        return new ObjectProperties(
            key,
            counting.BytesRead,
            contentType,
            etag,
            DateTimeOffset.UtcNow,
            write.Metadata?.ToDictionary(StringComparer.Ordinal) ?? new Dictionary<string, string>());
    }

    /// <summary>A draft in the machine's temporary folder, sent to the bucket at the commit.</summary>
    public ObjectDraft CreateDraft() =>
        new UploadDraft(this, Path.Combine(Path.GetTempPath(), $"audioplatform-draft-{Guid.NewGuid():N}"));

    public Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default) =>
        ReadAsync(key, range: null, cancellationToken);

    public Task<Stream> GetRangeAsync(string key, long offset, long length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return ReadAsync(key, new RangeHeaderValue(offset, offset + length - 1), cancellationToken);
    }

    public async Task<ObjectProperties?> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        await EnsureBucketAsync(cancellationToken);
        try
        {
            var stat = await Call(key, () => _client.StatObjectAsync(
                new StatObjectArgs().WithBucket(_bucket).WithObject(key), cancellationToken));
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            // The SDK lists user metadata without its prefix, next to standard headers such as Content-Type.
            foreach (var (name, value) in stat.MetaData)
            {
                var bare = (name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase) ? name[MetadataPrefix.Length..] : name).ToLowerInvariant();
                if (!ObjectKey.IsReservedMetadataName(bare))
                {
                    metadata[bare] = Uri.UnescapeDataString(value);
                }
            }

            return new ObjectProperties(
                key,
                stat.Size,
                string.IsNullOrEmpty(stat.ContentType) ? "application/octet-stream" : stat.ContentType,
                TrimETag(stat.ETag),
                new DateTimeOffset(DateTime.SpecifyKind(stat.LastModified, DateTimeKind.Utc)),
                metadata);
        }
        catch (StoredObjectNotFoundException)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        await StatAsync(key, cancellationToken) is not null;

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        await EnsureBucketAsync(cancellationToken);
        try
        {
            await Call(key, async () =>
            {
                await _client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(_bucket).WithObject(key), cancellationToken);
                return true;
            });
        }
        catch (StoredObjectNotFoundException)
        {
            // S3 answers 204 for a missing key; some servers say 404. Either way it is gone.
        }
    }

    public async Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(prefix);
        await EnsureBucketAsync(cancellationToken);
        return await Call(prefix, async () =>
        {
            var found = new List<string>();
            var listing = new ListObjectsArgs().WithBucket(_bucket).WithPrefix(prefix).WithRecursive(true);
            await foreach (var item in _client.ListObjectsEnumAsync(listing, cancellationToken))
            {
                if (!item.IsDir)
                {
                    found.Add(item.Key);
                }
            }

            found.Sort(StringComparer.Ordinal);
            return (IReadOnlyList<string>)found;
        });
    }

    public async Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var keys = await ListKeysAsync(prefix, cancellationToken);
        foreach (var key in keys)
        {
            await DeleteAsync(key, cancellationToken);
        }

        return keys.Count;
    }

    /// <summary>Answers whether the bucket exists, proving the server is reachable and the keys accepted.</summary>
    public Task<bool> BucketExistsAsync(CancellationToken cancellationToken) =>
        Call(_bucket, () => _client.BucketExistsAsync(new BucketExistsArgs().WithBucket(_bucket), cancellationToken));

    public void Dispose()
    {
        _http.Dispose();
        _client.Dispose();
        _bucketLock.Dispose();
    }

    private async Task<Stream> ReadAsync(string key, RangeHeaderValue? range, CancellationToken cancellationToken)
    {
        ObjectKey.Validate(key);
        await EnsureBucketAsync(cancellationToken);
        var url = await Call(key, () => _client.PresignedGetObjectAsync(
            new PresignedGetObjectArgs().WithBucket(_bucket).WithObject(key).WithExpiry(PresignedUrlSeconds)));

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = range;
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK or HttpStatusCode.PartialContent:
                    var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                    return new ResponseStream(body, response);
                case HttpStatusCode.NotFound:
                    throw new StoredObjectNotFoundException(key);
                case HttpStatusCode.RequestedRangeNotSatisfiable:
                    throw new ObjectRangeNotSatisfiableException(key, range?.Ranges.First().From ?? 0, response.Content.Headers.ContentRange?.Length ?? 0);
                case HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized:
                    throw new ObjectStorageAccessDeniedException($"The S3 server refused to read '{key}' ({(int)response.StatusCode}).");
                default:
                    throw new ObjectStorageUnavailableException($"The S3 server answered {(int)response.StatusCode} reading '{key}'.");
            }
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>A multipart upload cut short keeps its parts on the server until aborted; nothing else frees them.</summary>
    private async Task AbortIncompleteUploadAsync(string key)
    {
        try
        {
            await _client.RemoveIncompleteUploadAsync(new RemoveIncompleteUploadArgs().WithBucket(_bucket).WithObject(key));
        }
        catch (Exception exception) when (exception is MinioException or HttpRequestException)
        {
            // Best effort: the upload already failed, and that is the error worth reporting.
        }
    }

    /// <summary>Creates the bucket when missing; throws when the server refuses (wrong keys) or cannot be reached.</summary>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady)
        {
            return;
        }

        await _bucketLock.WaitAsync(cancellationToken);
        try
        {
            if (!_bucketReady)
            {
                if (!await BucketExistsAsync(cancellationToken))
                {
                    try
                    {
                        await Call(_bucket, async () =>
                        {
                            await _client.MakeBucketAsync(new MakeBucketArgs().WithBucket(_bucket), cancellationToken);
                            return true;
                        });
                    }
                    catch (ObjectStorageUnavailableException)
                    {
                        // Another service (Ingest and Analysis start together) may have created it first.
                        if (!await BucketExistsAsync(cancellationToken))
                        {
                            throw;
                        }
                    }
                }

                _bucketReady = true;
            }
        }
        finally
        {
            _bucketLock.Release();
        }
    }

    /// <summary>Turns the SDK's exceptions into the store's own, so callers never depend on the SDK.</summary>
    private static async Task<T> Call<T>(string key, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ObjectNotFoundException exception)
        {
            throw new StoredObjectNotFoundException(key, exception);
        }
        catch (Exception exception) when (exception is AuthorizationException or AccessDeniedException)
        {
            throw new ObjectStorageAccessDeniedException($"The S3 server refused the credentials for '{key}': {exception.Message}", exception);
        }
        catch (MinioException exception) when (exception.ServerResponse?.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new ObjectStorageAccessDeniedException($"The S3 server refused the request for '{key}': {exception.Message}", exception);
        }
        catch (MinioException exception) when (exception.ServerResponse?.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StoredObjectNotFoundException(key, exception);
        }
        catch (MinioException exception)
        {
            throw new ObjectStorageUnavailableException($"The S3 server failed on '{key}': {exception.Message}", exception);
        }
    }

    private static string TrimETag(string? etag) => etag?.Trim('"') ?? "";

    /// <summary>The body of a presigned GET; disposing it releases the HTTP response.</summary>
    private sealed class ResponseStream(Stream body, HttpResponseMessage response) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => response.Content.Headers.ContentLength ?? throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => body.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => body.Read(buffer);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            body.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            body.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                body.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>The bytes wait in a local file only until the commit sends them: the bucket makes them durable and tags them.</summary>
    private sealed class UploadDraft(MinioObjectStorage store, string path) : ObjectDraft(path, durable: false)
    {
        protected override async Task<ObjectProperties> StoreAsync(string key, ObjectWrite write, CancellationToken cancellationToken)
        {
            await using var content = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
            return await store.PutAsync(key, content, write with { Length = Length }, cancellationToken);
        }
    }
}
