using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>
/// A platform of its own for the web-session tests (local mode, random ports, own data folder): its
/// Gateway allows only a few uploads per user, so a flood is short, and its sign-in limits are high
/// enough for the many sign-ins these tests make from one address. The shared platform keeps the defaults.
/// </summary>
public sealed class BffPlatformFixture : IAsyncLifetime
{
    public const int UploadsPerWindow = 3;

    // Longer than the shared fixture's: when the whole suite runs, this platform starts beside that one.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("audioplatform-e2e-bff-").FullName;

    public DistributedApplication App { get; private set; } = null!;

    public Uri GatewayAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Infra:Mode=local", $"--Infra:DataDirectory={_dataDirectory}", "--Gateway:Port=0"]);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        builder.CreateResourceBuilder<ProjectResource>("gateway")
            .WithEnvironment("RateLimits__UploadsPerWindow", UploadsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("RateLimits__SignInAttemptsPerWindow", "200");
        builder.CreateResourceBuilder<ProjectResource>("identity")
            .WithEnvironment("Identity__SignInAttemptsPerMinute", "200");

        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(timeout.Token);
        foreach (var resource in new[] { "messaging", "identity", "ingest", "analysis", "library", "notify", "gateway" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        GatewayAddress = App.GetEndpoint("gateway", "http");
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class BffPlatformCollection : ICollectionFixture<BffPlatformFixture>
{
    public const string Name = "bff platform";
}
