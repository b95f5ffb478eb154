using System.Net.WebSockets;
using System.Text.Json;
using AudioPlatform.Contracts;
using AudioPlatform.Notify.Hub;
using AudioPlatform.Notify.IntegrationEvents;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Notify.Tests;

/// <summary>
/// A <see cref="TrackCorrected"/> on the bus (MassTransit's in-memory harness, standing in for RabbitMQ) reaches the
/// owner's open sockets as <c>trackCorrected</c>, numbered in the owner's sequence like every other push, and nobody
/// else's. Real WebSockets over loopback TCP.
/// </summary>
public sealed class TrackCorrectedPushTests : IAsyncDisposable
{
    private readonly NotificationHub _hub = new(Options.Create(new NotifyOptions()), new RevokedAccessTokens(TimeProvider.System), TimeProvider.System,
        NullLogger<NotificationHub>.Instance);

    private readonly List<IDisposable> _sockets = [];

    [Fact]
    public async Task A_correction_is_pushed_as_trackCorrected_to_the_owners_sockets_only()
    {
        var track = Guid.NewGuid();
        var alice = await OpenAsync("alice");
        var bob = await OpenAsync("bob");
        await _hub.PublishAsync(Guid.NewGuid(), "alice", NotificationTypes.AnalysisCompleted, track, DateTimeOffset.UtcNow, null, default);
        await using var provider = new ServiceCollection()
            .AddSingleton(_hub)
            .AddMassTransitTestHarness(bus => bus.AddConsumer<PushOnTrackCorrected>())
            .BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new TrackCorrected(track, 70, "A minor", "8A", null, ["drum-and-bass"], null, null)
        {
            UserId = "alice", CorrelationId = track,
        });

        Assert.True(await harness.Consumed.Any<TrackCorrected>());
        var completed = await ReceiveAsync(alice, TimeSpan.FromSeconds(30));
        var corrected = await ReceiveAsync(alice, TimeSpan.FromSeconds(30));
        Assert.Equal(("analysisCompleted", 1), (completed!.Value.GetProperty("type").GetString(), completed.Value.GetProperty("seq").GetInt32()));
        Assert.Equal(("trackCorrected", 2, track), (corrected!.Value.GetProperty("type").GetString(), corrected.Value.GetProperty("seq").GetInt32(),
            corrected.Value.GetProperty("trackId").GetGuid()));
        Assert.Equal((70, "8A"), (corrected.Value.GetProperty("data").GetProperty("tempoBpm").GetDouble(), corrected.Value.GetProperty("data").GetProperty("camelot").GetString()));
        Assert.Null(await ReceiveAsync(bob, TimeSpan.FromMilliseconds(500)));
        var (replayed, complete) = await _hub.Log.SinceAsync("alice", 1);
        Assert.True(complete);
        Assert.Equal(NotificationTypes.TrackCorrected, Assert.Single(replayed).Type);
        Assert.Empty((await _hub.Log.SinceAsync("bob", 0)).Missed);
    }

    /// <summary>A client socket of <paramref name="user"/>'s, connected to the hub.</summary>
    private async Task<WebSocket> OpenAsync(string user)
    {
        var (server, client) = await LoopbackWebSockets.OpenAsync(_sockets);
        Assert.NotNull(await _hub.ConnectAsync(user, server, new AccessGrant("token", "sign-in", DateTimeOffset.UtcNow.AddHours(1)), since: null, default));
        return client;
    }

    /// <summary>The next message, or null when none comes within <paramref name="patience"/>.</summary>
    private static async Task<JsonElement?> ReceiveAsync(WebSocket client, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        var buffer = new byte[64 * 1024];
        try
        {
            var result = await client.ReceiveAsync(buffer, timeout.Token);
            return JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement.Clone();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
