using System.Net.WebSockets;
using System.Text.Json;
using AudioPlatform.Notify.Hub;
using AudioPlatform.Tests.Shared;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Notify.Tests;

/// <summary>
/// Two Notify replicas (two hubs, each with its own sockets) sharing one real Redis. Every replica hears every event (a
/// queue per instance), so each event is handed to both, as the bus does; a client resumes on the other replica.
/// </summary>
public sealed class ReplicaResumeTests : IAsyncLifetime
{
    private const string User = "alice";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<IDisposable> _sockets = [];
    private readonly List<ClientConnection> _connections = [];
    private RedisServer? _redis;

    public async Task InitializeAsync()
    {
        if (RedisServer.IsInstalled)
        {
            _redis = await RedisServer.StartAsync();
        }
    }

    private NotificationHub Replica()
    {
        var options = Options.Create(new NotifyOptions { BufferPerUser = 100 });
        return new NotificationHub(options, new RevokedAccessTokens(TimeProvider.System), TimeProvider.System, NullLogger<NotificationHub>.Instance,
            new RedisUserEventLog(_redis!.Connection, options, TimeProvider.System));
    }

    [SkippableFact]
    public async Task A_client_that_saw_1_to_3_on_one_replica_resumes_on_the_other_with_4_and_5_and_each_socket_gets_each_event_once()
    {
        Skip.IfNot(RedisServer.IsInstalled, RedisServer.MissingReason);
        var (a, b) = (Replica(), Replica());
        var clientOnA = await OpenAsync(a);
        var clientOnB = await OpenAsync(b);

        var events = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        foreach (var eventId in events.Take(3))
        {
            await DeliverToBothAsync(a, b, eventId);
        }

        var seenOnA = await ReceiveSeqsAsync(clientOnA, 3);
        clientOnA.Abort();
        foreach (var eventId in events.Skip(3))
        {
            await DeliverToBothAsync(a, b, eventId);
        }

        var (resumed, complete) = await b.Log.SinceAsync(User, seenOnA[^1]);
        var seenOnB = await ReceiveSeqsAsync(clientOnB, 5);

        Assert.Equal([1L, 2, 3], seenOnA);
        Assert.True(complete);
        Assert.Equal([4L, 5], resumed.Select(n => n.Seq));
        Assert.Equal([1L, 2, 3, 4, 5], seenOnB);
        Assert.Equal(5, await a.Log.LastSeqAsync(User));
    }

    [SkippableFact]
    public async Task A_resume_from_before_what_the_shared_buffer_keeps_asks_for_a_resync()
    {
        Skip.IfNot(RedisServer.IsInstalled, RedisServer.MissingReason);
        var options = Options.Create(new NotifyOptions { BufferPerUser = 16 });
        var log = new RedisUserEventLog(_redis!.Connection, options, TimeProvider.System);
        var user = $"user-{Guid.NewGuid():N}";
        for (var i = 0; i < 20; i++)
        {
            await log.AppendAsync(user, Guid.NewGuid(), new Notification(0, NotificationTypes.AnalysisProgress, null, DateTimeOffset.UtcNow, null));
        }

        var (fromTwo, completeFromTwo) = await log.SinceAsync(user, 2);
        var (fromFive, completeFromFive) = await log.SinceAsync(user, 5);
        var (_, completeFromFuture) = await log.SinceAsync(user, 21);

        Assert.False(completeFromTwo);
        Assert.Equal(16, fromTwo.Count);
        Assert.True(completeFromFive);
        Assert.Equal(Enumerable.Range(6, 15).Select(seq => (long)seq), fromFive.Select(n => n.Seq));
        Assert.False(completeFromFuture);
    }

    [SkippableFact]
    public async Task A_notification_sent_twice_to_a_socket_by_the_replay_and_live_arrives_once()
    {
        Skip.IfNot(RedisServer.IsInstalled, RedisServer.MissingReason);
        var hub = Replica();
        var client = await OpenAsync(hub);
        var first = (await hub.PublishAsync(Guid.NewGuid(), User, NotificationTypes.TrackDeleted, Guid.NewGuid(), DateTimeOffset.UtcNow, null, default))!;
        var (replayed, _) = await hub.Log.SinceAsync(User, first.Seq - 1);
        var server = _connections.Single();
        await server.SendAsync(replayed.Single(), default);
        var second = (await hub.PublishAsync(Guid.NewGuid(), User, NotificationTypes.TrackDeleted, Guid.NewGuid(), DateTimeOffset.UtcNow, null, default))!;

        var seen = await ReceiveSeqsAsync(client, 2);

        Assert.Equal([first.Seq, second.Seq], seen);
    }

    private static async Task DeliverToBothAsync(NotificationHub a, NotificationHub b, Guid eventId)
    {
        var occurredAt = DateTimeOffset.UtcNow;
        var trackId = Guid.NewGuid();
        await a.PublishAsync(eventId, User, NotificationTypes.TrackUploaded, trackId, occurredAt, new { fileName = "a.wav" }, default);
        await b.PublishAsync(eventId, User, NotificationTypes.TrackUploaded, trackId, occurredAt, new { fileName = "a.wav" }, default);
    }

    /// <summary>A server socket registered with <paramref name="hub"/> as <see cref="User"/>; returns the client's end.</summary>
    private async Task<WebSocket> OpenAsync(NotificationHub hub)
    {
        var (server, client) = await LoopbackWebSockets.OpenAsync(_sockets);
        _connections.Add((await hub.ConnectAsync(User, server, new AccessGrant("token", "sign-in", DateTimeOffset.UtcNow.AddHours(1)), since: null, default))!);
        return client;
    }

    /// <summary>The next <paramref name="count"/> numbers the client receives, then nothing more for a moment.</summary>
    private static async Task<List<long>> ReceiveSeqsAsync(WebSocket client, int count)
    {
        var seqs = new List<long>();
        var buffer = new byte[64 * 1024];
        using var patience = new CancellationTokenSource(Patience);
        while (seqs.Count < count)
        {
            var received = await client.ReceiveAsync(buffer, patience.Token);
            seqs.Add(JsonDocument.Parse(buffer.AsMemory(0, received.Count)).RootElement.GetProperty("seq").GetInt64());
        }

        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var extra = client.ReceiveAsync(buffer, quiet.Token);
        try
        {
            var more = await extra;
            seqs.Add(JsonDocument.Parse(buffer.AsMemory(0, more.Count)).RootElement.GetProperty("seq").GetInt64());
        }
        catch (OperationCanceledException)
        {
            // Nothing more: no duplicate.
        }

        return seqs;
    }

    public async Task DisposeAsync()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
