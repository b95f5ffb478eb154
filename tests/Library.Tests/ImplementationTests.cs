using AudioPlatform.Library.Infrastructure;
using AudioPlatform.Library.Model;
using DotNet.Testcontainers.Configurations;
using LiteDB;
using MongoDB.Driver;
using Testcontainers.MongoDb;

namespace AudioPlatform.Library.Tests;

/// <summary>The contract on LiteDB, in a temporary file of its own per test.</summary>
public sealed class LiteDbTrackRepositoryTests : TrackRepositoryContract, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"audioplatform-library-{Guid.NewGuid():N}.db");
    private readonly LiteDatabase _database;
    private readonly LiteDbTrackRepository _repository;

    public LiteDbTrackRepositoryTests()
    {
        _database = new LiteDatabase($"Filename={_file};Connection=direct");
        _repository = new LiteDbTrackRepository(_database);
    }

    protected override ITrackRepository Repository => _repository;

    [Fact]
    public void Every_filter_and_sort_has_an_index()
    {
        var indexes = _database.GetCollection("$indexes").Find(BsonExpression.Create("collection = @0", LiteDbTrackRepository.CollectionName))
            .Select(index => index["name"].AsString)
            .ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "userId", "status", "lastEventAt", "createdAt", "sortTitle", "tempoBpm", "loudnessLufs", "energy", "key", "camelot", "genres", "moods", "instruments",
        }, indexes);
    }

    public void Dispose()
    {
        _database.Dispose();
        File.Delete(_file);
    }
}

/// <summary>A MongoDB server in a container, started for this class when Docker is available.</summary>
public sealed class MongoDbServer : IAsyncLifetime
{
    private MongoDbContainer? _container;

    public string? SkipReason { get; private set; }

    public IMongoClient? Client { get; private set; }

    public async Task InitializeAsync()
    {
        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
        {
            SkipReason = "No Docker engine is reachable, so the MongoDB container cannot start (no MongoDB server can be " +
                "installed here otherwise); the same contract runs against LiteDB in LiteDbTrackRepositoryTests.";
            return;
        }

        _container = new MongoDbBuilder("mongo:8.0").Build();
        await _container.StartAsync();
        Client = new MongoClient(_container.GetConnectionString());
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}

/// <summary>The contract on MongoDB (the containers mode's store), a database of its own per test.</summary>
public sealed class MongoTrackRepositoryTests(MongoDbServer mongo) : TrackRepositoryContract, IClassFixture<MongoDbServer>
{
    private MongoTrackRepository? _repository;

    protected override ITrackRepository Repository
    {
        get
        {
            Skip.If(mongo.SkipReason is not null, mongo.SkipReason);
            if (_repository is null)
            {
                _repository = new MongoTrackRepository(mongo.Client!.GetDatabase($"tracks-{Guid.NewGuid():N}"));
                _repository.EnsureIndexesAsync().GetAwaiter().GetResult();
            }

            return _repository;
        }
    }
}
