using Xunit.Abstractions;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace AudioPlatform.Storage.Tests;

/// <summary>The contract on local disk, in a temporary folder of its own.</summary>
public sealed class LocalDiskObjectStorageTests : ObjectStorageContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("audioplatform-objects-").FullName;
    private readonly LocalDiskObjectStorage _storage;

    public LocalDiskObjectStorageTests() => _storage = new LocalDiskObjectStorage(_directory);

    protected override IObjectStorage Storage => _storage;

    protected override IObjectStorage? StorageWithWrongSecret => null;

    [Fact]
    public async Task A_write_in_progress_is_invisible_and_leaves_nothing_under_the_key()
    {
        var key = $"audio/u/{Guid.NewGuid():D}";
        var gate = new TaskCompletionSource();
        var body = new GatedStream(new byte[200_000], gate.Task);

        var put = _storage.PutAsync(key, body, new ObjectWrite());
        await body.FirstReadDone;

        Assert.False(await _storage.ExistsAsync(key));
        Assert.False(File.Exists(Path.Combine(_directory, "data", key)));
        gate.SetResult();
        await put;
        Assert.True(await _storage.ExistsAsync(key));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Hands out its first chunk, then waits for the gate: a write caught in the middle.</summary>
    private sealed class GatedStream(byte[] body, Task gate) : MemoryStream(body, writable: false)
    {
        private readonly TaskCompletionSource _firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstReadDone => _firstRead.Task;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position > 0)
            {
                _firstRead.TrySetResult();
                await gate;
            }

            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
        }
    }
}

/// <summary>The contract against a real Ceph RADOS Gateway (the S3 code path of MinIO mode), started for this class.</summary>
public sealed class CephObjectStorageTests(CephRadosGateway ceph, ITestOutputHelper output) : ObjectStorageContract, IClassFixture<CephRadosGateway>, IDisposable
{
    private MinioObjectStorage? _storage;
    private MinioObjectStorage? _intruder;

    protected override IObjectStorage Storage
    {
        get
        {
            Skip.If(ceph.SkipReason is not null, ceph.SkipReason);
            return _storage ??= new MinioObjectStorage(Options(CephRadosGateway.SecretKey));
        }
    }

    protected override IObjectStorage? StorageWithWrongSecret =>
        _intruder ??= new MinioObjectStorage(Options("not-the-secret-key-0123456789"));

    [SkippableFact]
    public async Task The_bucket_is_created_when_missing()
    {
        Skip.If(ceph.SkipReason is not null, ceph.SkipReason);
        output.WriteLine($"The Ceph cluster and gateway started in {ceph.StartTime.TotalSeconds:F1} s.");
        var options = Options(CephRadosGateway.SecretKey);
        options.Bucket = $"fresh-{Guid.NewGuid():N}";
        using var storage = new MinioObjectStorage(options);

        await storage.PutAsync("audio/u/t", new MemoryStream([1, 2, 3]), new ObjectWrite(Length: 3));

        Assert.True(await storage.BucketExistsAsync(CancellationToken.None));
        Assert.True(await storage.ExistsAsync("audio/u/t"));
    }

    [SkippableFact]
    public async Task The_health_check_is_healthy_with_the_right_keys_and_unhealthy_with_a_wrong_secret()
    {
        Skip.If(ceph.SkipReason is not null, ceph.SkipReason);
        var context = new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext();

        var right = await new Microsoft.Extensions.Hosting.ObjectStorageHealthCheck(Storage).CheckHealthAsync(context);
        var wrong = await new Microsoft.Extensions.Hosting.ObjectStorageHealthCheck(StorageWithWrongSecret!).CheckHealthAsync(context);

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, right.Status);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, wrong.Status);
    }

    private ObjectStorageOptions Options(string secretKey) => ObjectStorageOptions.Parse(
        $"Endpoint={ceph.Endpoint};AccessKey={CephRadosGateway.AccessKey};SecretKey={secretKey};Bucket=contract-tests");

    public void Dispose()
    {
        _storage?.Dispose();
        _intruder?.Dispose();
    }
}

/// <summary>MinIO itself in a container, started for this class when Docker is available.</summary>
public sealed class MinioContainer : IAsyncLifetime
{
    public const string AccessKey = "contracttests";
    public const string SecretKey = "contract-tests-secret-key";

    private IContainer? _container;

    public string? SkipReason { get; private set; }

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1");

    public async Task InitializeAsync()
    {
        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
        {
            SkipReason = "No Docker engine is reachable, so the MinIO container cannot start; " +
                "the same contract runs against a Ceph RADOS Gateway in CephObjectStorageTests.";
            return;
        }

        _container = new ContainerBuilder("minio/minio:latest")
            .WithCommand("server", "/data")
            .WithEnvironment("MINIO_ROOT_USER", AccessKey)
            .WithEnvironment("MINIO_ROOT_PASSWORD", SecretKey)
            .WithPortBinding(9000, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPath("/minio/health/live").ForPort(9000)))
            .Build();
        await _container.StartAsync();
        Endpoint = new Uri($"http://{_container.Hostname}:{_container.GetMappedPublicPort(9000)}");
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}

/// <summary>The contract against MinIO (the containers mode's server) through Testcontainers.</summary>
public sealed class MinioObjectStorageTests(MinioContainer minio) : ObjectStorageContract, IClassFixture<MinioContainer>, IDisposable
{
    private MinioObjectStorage? _storage;
    private MinioObjectStorage? _intruder;

    protected override IObjectStorage Storage
    {
        get
        {
            Skip.If(minio.SkipReason is not null, minio.SkipReason);
            return _storage ??= new MinioObjectStorage(Options(MinioContainer.SecretKey));
        }
    }

    protected override IObjectStorage? StorageWithWrongSecret =>
        _intruder ??= new MinioObjectStorage(Options("not-the-secret-key"));

    private ObjectStorageOptions Options(string secretKey) => ObjectStorageOptions.Parse(
        $"Endpoint={minio.Endpoint};AccessKey={MinioContainer.AccessKey};SecretKey={secretKey};Bucket=contract-tests");

    public void Dispose()
    {
        _storage?.Dispose();
        _intruder?.Dispose();
    }
}
