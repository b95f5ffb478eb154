namespace AudioPlatform.Identity.Tests;

/// <summary>One Identity service (SQLite in a temp folder) shared by the tests of the collection.</summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    public IdentityHost Host { get; private set; } = null!;

    // Every test here posts credentials from 127.0.0.1: the per-IP limits have their own tests.
    public async Task InitializeAsync() => Host = await IdentityHost.StartAsync(settings: new Dictionary<string, string>
    {
        ["Identity:SignInAttemptsPerMinute"] = "10000",
        ["Identity:FailedSignInsPerClientAddress"] = "10000",
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityFixture>
{
    public const string Name = "identity";
}
