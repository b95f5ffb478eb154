using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>
/// The whole AppHost in local mode (RabbitMQ from the OS package), on random ports, with its own
/// data folder; shared by the tests of a collection and stopped after them.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("audioplatform-e2e-").FullName;

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public Uri GatewayAddress { get; private set; } = null!;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<PlatformUser>>> _users = new();

    /// <summary>
    /// A user signed up once per run and shared by the tests that name it: sign-in and registration
    /// are rate-limited per client address, and every test here comes from the same one.
    /// </summary>
    public Task<PlatformUser> UserAsync(string name) =>
        _users.GetOrAdd(name, _ => new Lazy<Task<PlatformUser>>(() => PlatformUser.SignUpAsync(GatewayAddress))).Value;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--Infra:Mode=local", $"--Infra:DataDirectory={_dataDirectory}", "--Gateway:Port=0", .. ExtraArguments]);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        // Every test signs its users up from this one address; the per-address sign-in limits have tests of their own
        // (Gateway.Tests, Identity.Tests, BffTests) and would otherwise throttle the suite on a fast machine.
        builder.CreateResourceBuilder<ProjectResource>("gateway").WithEnvironment("RateLimits__SignInAttemptsPerWindow", "200");
        builder.CreateResourceBuilder<ProjectResource>("identity").WithEnvironment("Identity__SignInAttemptsPerMinute", "200");

        Configure(builder);

        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(timeout.Token);
        foreach (var resource in new[] { "messaging", "identity", "ingest", "analysis", "library", "notify", "gateway" })
        {
            try
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"{resource} was not healthy {StartTimeout.TotalMinutes} minutes after the start; " +
                    $"every resource now: {await DescribeResourcesAsync()}");
            }
        }

        Gateway = App.CreateHttpClient("gateway", "http");
        GatewayAddress = App.GetEndpoint("gateway", "http");
    }

    /// <summary>Each resource (each replica) with its state and health, as the AppHost sees them now.</summary>
    private async Task<string> DescribeResourcesAsync()
    {
        var latest = new Dictionary<string, string>();
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await foreach (var e in App.ResourceNotifications.WatchAsync(enough.Token))
            {
                latest[e.ResourceId] = $"{e.Snapshot.State?.Text ?? "?"}/{e.Snapshot.HealthStatus?.ToString() ?? "no health"}";
            }
        }
        catch (OperationCanceledException)
        {
            // The watch never ends by itself: two seconds gather every resource's current state.
        }

        return string.Join(", ", latest.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}"));
    }

    /// <summary>AppHost arguments beyond the local-mode defaults, for a platform shaped differently.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>Changes to the app model before it is built (a service's settings, say).</summary>
    protected virtual void Configure(IDistributedApplicationTestingBuilder builder)
    {
    }

    /// <summary>Kills a service's process tree the hard way (no graceful shutdown), as a crash would.</summary>
    public async Task KillAsync(string resource)
    {
        var running = await App.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.Properties.Any(p => p.Name == "executable.pid" && p.Value is not null));
        var pid = Convert.ToInt32(running.Snapshot.Properties.First(p => p.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture);
        using (var process = System.Diagnostics.Process.GetProcessById(pid))
        {
            process.Kill(entireProcessTree: true);
        }

        await WaitUntilStoppedAsync(resource);
    }

    /// <summary>
    /// Kills one running replica of a service that runs several (no graceful shutdown), as a crash would; answers the
    /// replica's resource id, for <see cref="StartReplicaAsync"/>.
    /// </summary>
    /// <param name="service">The service's resource name.</param>
    /// <param name="sparing">A replica's resource id to leave alone (to kill each replica in turn).</param>
    public async Task<string> KillOneReplicaAsync(string service, string? sparing = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var running = await FirstEventAsync(e => e.Resource.Name == service && e.ResourceId != sparing
            && e.Snapshot.State?.Text == KnownResourceStates.Running
            && e.Snapshot.Properties.Any(p => p.Name == "executable.pid" && p.Value is not null), timeout.Token);
        var pid = Convert.ToInt32(running.Snapshot.Properties.First(p => p.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture);
        using (var process = System.Diagnostics.Process.GetProcessById(pid))
        {
            process.Kill(entireProcessTree: true);
        }

        await FirstEventAsync(e => e.ResourceId == running.ResourceId
            && e.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state), timeout.Token);
        return running.ResourceId;
    }

    /// <summary>Starts a replica <see cref="KillOneReplicaAsync"/> killed and waits until it is healthy.</summary>
    public async Task StartReplicaAsync(string replica)
    {
        await ExecuteAsync(replica, "resource-start");
        using var timeout = new CancellationTokenSource(StartTimeout);
        await FirstEventAsync(e => e.ResourceId == replica && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, timeout.Token);
    }

    private async Task<ResourceEvent> FirstEventAsync(Func<ResourceEvent, bool> match, CancellationToken cancellationToken)
    {
        // The watch starts with every resource's current state, then follows the changes.
        await foreach (var resourceEvent in App.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (match(resourceEvent))
            {
                return resourceEvent;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>Stops a resource through Aspire (gracefully) and waits until it has.</summary>
    public async Task StopAsync(string resource)
    {
        await ExecuteAsync(resource, "resource-stop");
        await WaitUntilStoppedAsync(resource);
    }

    /// <summary>Starts a stopped resource again through Aspire and waits until it is healthy.</summary>
    public async Task StartAsync(string resource)
    {
        await ExecuteAsync(resource, "resource-start");
        using var timeout = new CancellationTokenSource(StartTimeout);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
    }

    private async Task ExecuteAsync(string resource, string command)
    {
        var result = await App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command);
        Assert.True(result.Success, $"{command} on {resource}: {result.Message}");
    }

    private async Task WaitUntilStoppedAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await App.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state), timeout.Token);
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
