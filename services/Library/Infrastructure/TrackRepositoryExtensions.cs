using AudioPlatform.Library.Infrastructure;
using AudioPlatform.Library.Model;
using AudioPlatform.ServiceDefaults;
using LiteDB;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using BsonDocument = MongoDB.Bson.BsonDocument;
using MongoDB.Driver;

namespace Microsoft.Extensions.Hosting;

public static class TrackRepositoryExtensions
{
    public const string HealthCheckName = "librarydb";

    /// <summary>
    /// Registers <see cref="ITrackRepository"/> as a singleton: MongoDB when <c>ConnectionStrings:librarydb</c> is a
    /// <c>mongodb://</c> URI (indexes created at start), LiteDB otherwise (<c>Filename=…;Connection=direct</c>, one
    /// <see cref="LiteDatabase"/> for the process), with a readiness health check.
    /// </summary>
    public static IHostApplicationBuilder AddTrackRepository(this IHostApplicationBuilder builder, string connectionName = ResourceNames.LibraryDatabase)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Start the platform through the AppHost, or set it to " +
                "'Filename=<path>;Connection=direct' (LiteDB) or a mongodb:// URI.");

        if (IsMongo(connectionString))
        {
            var url = MongoUrl.Create(connectionString);
            builder.AddProductionRule(_ => UnauthenticatedMongo(url, $"ConnectionStrings:{connectionName}"));
            builder.Services.AddSingleton<IMongoClient>(_ => new MongoClient(url));
            builder.Services.AddSingleton(services =>
                services.GetRequiredService<IMongoClient>().GetDatabase(url.DatabaseName ?? "audioplatform"));
            builder.Services.AddSingleton<MongoTrackRepository>();
            builder.Services.AddSingleton<ITrackRepository>(services => services.GetRequiredService<MongoTrackRepository>());
            builder.Services.AddSingleton<MongoPlaylistRepository>();
            builder.Services.AddSingleton<IPlaylistRepository>(services => services.GetRequiredService<MongoPlaylistRepository>());
            builder.Services.AddHostedService<MongoIndexCreation>();
        }
        else
        {
            var liteConnection = new LiteDB.ConnectionString(connectionString);
            if (Path.GetDirectoryName(Path.GetFullPath(liteConnection.Filename)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            builder.Services.AddSingleton(_ => new LiteDatabase(liteConnection));
            builder.Services.AddSingleton<ITrackRepository, LiteDbTrackRepository>();
            builder.Services.AddSingleton<IPlaylistRepository, LiteDbPlaylistRepository>();
        }

        builder.Services.AddHostedService<StoredAnalysisUpgrade>();
        builder.Services.AddHealthChecks().AddCheck<TrackRepositoryHealthCheck>(HealthCheckName, tags: ["ready"]);
        return builder;
    }

    /// <summary>MongoDB starts without access control: a URI without credentials means anyone on the network can read the library.</summary>
    internal static IEnumerable<UnsafeSetting> UnauthenticatedMongo(MongoUrl url, string key)
    {
        if (string.IsNullOrEmpty(url.Username) && string.IsNullOrEmpty(url.AuthenticationMechanism))
        {
            yield return new UnsafeSetting(key, "names no user: MongoDB's default is no access control. Enable authentication and give the platform a user of its own.");
        }
    }

    public static bool IsMongo(string connectionString) =>
        connectionString.StartsWith("mongodb://", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("mongodb+srv://", StringComparison.OrdinalIgnoreCase);

    private sealed class MongoIndexCreation(MongoTrackRepository tracks, MongoPlaylistRepository playlists) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await tracks.EnsureIndexesAsync(cancellationToken);
            await playlists.EnsureIndexesAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Healthy when the store answers: a ping for MongoDB, a read of the collection for LiteDB.</summary>
public sealed class TrackRepositoryHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (services.GetService<IMongoDatabase>() is { } mongo)
            {
                await mongo.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
                return HealthCheckResult.Healthy("MongoDB answers.");
            }

            var lite = services.GetRequiredService<LiteDatabase>();
            _ = lite.GetCollection(LiteDbTrackRepository.CollectionName).Count();
            return HealthCheckResult.Healthy("The LiteDB file is readable.");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The library database is not usable.", exception);
        }
    }
}
