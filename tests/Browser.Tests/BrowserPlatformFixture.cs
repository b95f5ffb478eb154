using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPlatform.Browser.Tests;

/// <summary>
/// The whole AppHost in local mode on random ports with its own data folder, its Gateway serving the
/// built web app (<c>web/dist</c>). Not started when there is no Chromium to drive it: the tests skip then.
/// </summary>
public sealed class BrowserPlatformFixture : IAsyncLifetime
{
    // Generous: on a 2-core machine shared with other builds the services' start took over 4 minutes (the gateway, which
    // waits for all the others, was still being created when a 4-minute limit cancelled the start).
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("audioplatform-browser-").FullName;
    private DistributedApplication? _app;

    public Uri GatewayAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!HeadlessChromium.IsInstalled)
        {
            return;
        }

        if (!File.Exists(RepositoryPaths.WebBuildIndex))
        {
            throw new InvalidOperationException(
                $"{RepositoryPaths.WebBuildIndex} is missing: build the web app first with scripts/build-web.sh (test.sh does).");
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Infra:Mode=local", $"--Infra:DataDirectory={_dataDirectory}", "--Gateway:Port=0"]);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());

        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(timeout.Token);
        foreach (var resource in new[] { "messaging", "identity", "ingest", "analysis", "library", "notify", "gateway" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        GatewayAddress = _app.GetEndpoint("gateway", "http");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserPlatformCollection : ICollectionFixture<BrowserPlatformFixture>
{
    public const string Name = "browser platform";
}
