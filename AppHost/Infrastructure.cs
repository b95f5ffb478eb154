using Aspire.Hosting.ApplicationModel;
using AudioPlatform.AppHost.LocalRabbitMq;
using AudioPlatform.AppHost.LocalRedis;
using AudioPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;

namespace AudioPlatform.AppHost;

/// <summary>The servers the services need, as the chosen mode provides them.</summary>
public sealed record PlatformInfrastructure(
    InfrastructureChoice Choice,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IResourceBuilder<IResourceWithConnectionString> IdentityDatabase,
    IResourceBuilder<IResourceWithConnectionString> LibraryDatabase,
    IResourceBuilder<IResourceWithConnectionString> ObjectStorage,
    IResourceBuilder<IResourceWithConnectionString> SharedState)
{
    public string ModeName => Choice.Mode.ToString().ToLowerInvariant();
}

public static class InfrastructureExtensions
{
    public const string DataDirectoryKey = "Infra:DataDirectory";
    public const string DockerCommandKey = "Infra:DockerCommand";

    public static PlatformInfrastructure AddPlatformInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var probe = new DockerCliProbe(builder.Configuration[DockerCommandKey] ?? "docker");
        var choice = InfrastructureModeSelector.Select(builder.Configuration[InfrastructureModeSelector.ConfigurationKey], probe);
        Console.WriteLine($"AudioPlatform infrastructure: {choice.Mode.ToString().ToLowerInvariant()} ({choice.Reason})");

        return choice.Mode == InfrastructureMode.Containers
            ? builder.AddContainerInfrastructure(choice)
            : builder.AddLocalInfrastructure(choice);
    }

    private static PlatformInfrastructure AddContainerInfrastructure(this IDistributedApplicationBuilder builder, InfrastructureChoice choice)
    {
        var messaging = builder.AddRabbitMQ(ResourceNames.Messaging).WithDataVolume();

        var postgres = builder.AddPostgres("postgres").WithDataVolume();
        var identityDatabase = postgres.AddDatabase(ResourceNames.IdentityDatabase);

        var mongo = builder.AddResource(new MongoDbContainerResource(ResourceNames.LibraryDatabase))
            .WithImage("mongo", "8.0")
            .WithImageRegistry("docker.io")
            .WithEndpoint(targetPort: 27017, name: MongoDbContainerResource.EndpointName, scheme: "tcp")
            .WithVolume("audioplatform-mongo", "/data/db");

        var accessKey = builder.AddParameter("minio-access-key", "audioplatform");
        var secretKey = builder.AddParameter("minio-secret-key", secret: true);
        var minio = builder.AddResource(new MinioContainerResource(ResourceNames.ObjectStorage, accessKey.Resource, secretKey.Resource))
            .WithImage("minio/minio", "latest")
            .WithImageRegistry("docker.io")
            .WithArgs("server", "/data")
            .WithEnvironment("MINIO_ROOT_USER", accessKey)
            .WithEnvironment("MINIO_ROOT_PASSWORD", secretKey)
            .WithHttpEndpoint(targetPort: 9000, name: MinioContainerResource.EndpointName)
            .WithVolume("audioplatform-minio", "/data");

        // Sessions and key rings in it outlive a restart, like the other servers' data.
        var redis = builder.AddRedis(ResourceNames.Redis).WithDataVolume();

        return new(choice, Wrap(messaging), Wrap(identityDatabase), Wrap(mongo), Wrap(minio), Wrap(redis));
    }

    private static PlatformInfrastructure AddLocalInfrastructure(this IDistributedApplicationBuilder builder, InfrastructureChoice choice)
    {
        var dataDirectory = builder.Configuration[DataDirectoryKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "audioplatform");
        Directory.CreateDirectory(dataDirectory);

        // The broker's state is throwaway: nothing is in flight once the platform has stopped.
        var brokerDirectory = Path.Combine(Path.GetTempPath(), "audioplatform-rabbitmq");
        var messaging = builder.AddLocalRabbitMq(ResourceNames.Messaging, brokerDirectory);

        // Throwaway too: what replicas share there (sessions, windows, resume buffers) is short-lived by nature.
        var redis = builder.AddLocalRedis(ResourceNames.Redis, Path.Combine(Path.GetTempPath(), "audioplatform-redis"));

        var identityDatabase = builder.AddConnectionString(ResourceNames.IdentityDatabase,
            ReferenceExpression.Create($"Data Source={Path.Combine(dataDirectory, "identity.db")}"));
        var libraryDatabase = builder.AddConnectionString(ResourceNames.LibraryDatabase,
            ReferenceExpression.Create($"Filename={Path.Combine(dataDirectory, "library.db")};Connection=direct"));
        var objectStorage = builder.AddConnectionString(ResourceNames.ObjectStorage,
            ReferenceExpression.Create($"Directory={Path.Combine(dataDirectory, "objects")}"));

        return new(choice, Wrap(messaging), identityDatabase, libraryDatabase, objectStorage, Wrap(redis));
    }

    /// <summary>
    /// <c>--{Service}:Replicas</c>: how many processes of a service run (Aspire load-balances its endpoint across them).
    /// </summary>
    public static int Replicas(this IDistributedApplicationBuilder builder, string service)
    {
        var key = $"{service}:Replicas";
        var replicas = builder.Configuration.GetValue(key, 1);
        return replicas is >= 1 and <= MaxReplicas
            ? replicas
            : throw new InvalidOperationException($"{key} must be between 1 and {MaxReplicas}; it is {replicas}.");
    }

    public const int MaxReplicas = 32;

    /// <summary>
    /// The Library's replicas: as many as asked in containers mode (they share MongoDB), one in local mode, whose LiteDB
    /// is a file that one process opens (a second process on the same file is not locked out, and each keeps its own
    /// summary rows in memory).
    /// </summary>
    public static int LibraryReplicas(this IDistributedApplicationBuilder builder, PlatformInfrastructure infrastructure)
    {
        var replicas = builder.Replicas("Library");
        if (replicas > 1 && infrastructure.Choice.Mode == InfrastructureMode.Local)
        {
            Console.WriteLine($"Library:Replicas={replicas} needs MongoDB (containers mode); local mode runs one Library on its LiteDB file.");
            return 1;
        }

        return replicas;
    }

    private static IResourceBuilder<IResourceWithConnectionString> Wrap<T>(IResourceBuilder<T> resource)
        where T : IResourceWithConnectionString =>
        (IResourceBuilder<IResourceWithConnectionString>)(object)resource;

    /// <summary>
    /// <c>--Telemetry:StageLog=DIR</c>: every service writes the spans of each upload's stages to DIR, one JSON line each,
    /// for the load test's stage table (<c>tools/LoadTest --stage-log DIR</c>). Off by default.
    /// </summary>
    public static void WithStageLog(this IDistributedApplicationBuilder builder, params IResourceBuilder<ProjectResource>[] services)
    {
        if (builder.Configuration["Telemetry:StageLog"] is not { Length: > 0 } folder)
        {
            return;
        }

        foreach (var service in services)
        {
            service.WithEnvironment("Telemetry__StageLog", Path.GetFullPath(folder));
        }
    }

    /// <summary>
    /// Everything a service needs from the infrastructure. It waits only for resources that are
    /// started in the chosen mode (a connection string of a local file has nothing to wait for).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPlatform(
        this IResourceBuilder<ProjectResource> service,
        PlatformInfrastructure infrastructure,
        params IResourceBuilder<IResourceWithConnectionString>[] stores)
    {
        // Healthy means listening and connected to the broker, so nothing routes to a service still starting.
        service.WithHttpHealthCheck("/health")
            .WithReference(infrastructure.Messaging)
            .WaitFor(infrastructure.Messaging)
            .WithEnvironment("Infra__Mode", infrastructure.ModeName);

        foreach (var store in stores)
        {
            service.WithReference(store);
            if (store.Resource is not ConnectionStringResource)
            {
                service.WaitFor(store);
            }
        }

        return service;
    }
}
