using AudioPlatform.ServiceDefaults;
using AudioPlatform.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class ObjectStorageExtensions
{
    public const string HealthCheckName = "objects";

    /// <summary>
    /// Registers <see cref="IObjectStorage"/> as a singleton, local disk or S3 by the shape of
    /// <c>ConnectionStrings:objects</c>, with its options validated at start and a readiness health check.
    /// </summary>
    public static IHostApplicationBuilder AddObjectStorage(this IHostApplicationBuilder builder, string connectionName = ResourceNames.ObjectStorage)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Start the platform through the AppHost, or set it to " +
                "'Directory=<path>' or 'Endpoint=http://host:port;AccessKey=…;SecretKey=…;Bucket=…'.");

        builder.Services.AddOptions<ObjectStorageOptions>()
            .Configure(options => Copy(ObjectStorageOptions.Parse(connectionString), options))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddProductionRule<ObjectStorageOptions>(options => DefaultCredentials(options, $"ConnectionStrings:{connectionName}"));

        builder.Services.AddSingleton<IObjectStorage>(services =>
        {
            var options = services.GetRequiredService<IOptions<ObjectStorageOptions>>().Value;
            return options.IsLocalDisk
                ? new LocalDiskObjectStorage(options.Directory!)
                : new MinioObjectStorage(options);
        });

        builder.Services.AddHealthChecks().AddCheck<ObjectStorageHealthCheck>(HealthCheckName, tags: ["ready"]);
        return builder;
    }

    /// <summary>MinIO's built-in root user: anyone who knows MinIO can read and delete every object with it.</summary>
    internal static IEnumerable<UnsafeSetting> DefaultCredentials(ObjectStorageOptions options, string key)
    {
        if (!options.IsLocalDisk && (options.AccessKey == MinioDefaultCredential || options.SecretKey == MinioDefaultCredential))
        {
            yield return new UnsafeSetting(key, $"uses MinIO's default credentials ({MinioDefaultCredential}). Give the platform an access key and secret key of its own.");
        }
    }

    private const string MinioDefaultCredential = "minioadmin";

    private static void Copy(ObjectStorageOptions from, ObjectStorageOptions to)
    {
        to.Directory = from.Directory;
        to.Endpoint = from.Endpoint;
        to.AccessKey = from.AccessKey;
        to.SecretKey = from.SecretKey;
        to.Bucket = from.Bucket;
        to.Region = from.Region;
    }
}

/// <summary>Healthy when the store can take writes: the directory is writable, or the bucket is reachable.</summary>
public sealed class ObjectStorageHealthCheck(IObjectStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            switch (storage)
            {
                case LocalDiskObjectStorage disk:
                    await disk.ProbeWritableAsync(cancellationToken);
                    return HealthCheckResult.Healthy($"{disk.RootDirectory} is writable.");
                case MinioObjectStorage s3:
                    await s3.EnsureBucketAsync(cancellationToken);
                    // Listing proves the keys are accepted (a bucket check alone may pass anonymously).
                    await s3.ExistsAsync("health/probe", cancellationToken);
                    return HealthCheckResult.Healthy($"Bucket {s3.Bucket} is reachable.");
                default:
                    return HealthCheckResult.Healthy();
            }
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The object store is not usable.", exception);
        }
    }
}
