namespace AudioPlatform.Identity.Tests;

/// <summary>One Identity service (SQLite in a temp folder) shared by the tests of the collection.</summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    public IdentityHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await IdentityHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityFixture>
{
    public const string Name = "identity";
}
