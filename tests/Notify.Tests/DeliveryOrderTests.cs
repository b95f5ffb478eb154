using System.Net.WebSockets;
using System.Text.Json;
using AudioPlatform.Notify.Hub;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Notify.Tests;

/// <summary>
/// A socket gets the user's numbers in order with no gap, whatever order the events reach its replica in. "Numbered
/// elsewhere" is an event appended to the log only, as another replica does before this one hears of it.
/// </summary>
public sealed class DeliveryOrderTests : IDisposable
{
    private const string User = "alice";
    private readonly List<IDisposable> _sockets = [];
    private readonly List<ClientConnection> _connections = [];
    private readonly NotificationHub _hub = new(Options.Create(new NotifyOptions { BufferPerUser = 100 }),
        new RevokedAccessTokens(TimeProvider.System), TimeProvider.System, NullLogger<NotificationHub>.Instance);

    [Fact]
    public async Task An_event_numbered_elsewhere_and_not_yet_heard_here_goes_out_before_the_next_one()
    {
        var client = await OpenAsync(since: null);

        var elsewhere = await NumberElsewhereAsync();
        var here = await PublishAsync();

        Assert.Equal([(elsewhere.Seq, "trackUploaded"), (here!.Seq, "trackDeleted")], await ReceiveAsync(client, 2));
        Assert.Equal([1L, 2], [elsewhere.Seq, here.Seq]);
    }

    [Fact]
    public async Task An_event_heard_after_a_later_one_was_sent_is_not_sent_again()
    {
        var client = await OpenAsync(since: null);
        var first = await NumberElsewhereAsync();
        await PublishAsync();

        // The first event's own delivery, late: its number went out already.
        var connection = Assert.Single(_connections);
        await connection.SendAsync(first, default);
        var third = await PublishAsync();

        Assert.Equal([1L, 2, 3], (await ReceiveAsync(client, 3)).Select(message => message.Seq));
        Assert.Equal(3, third!.Seq);
    }

    [Fact]
    public async Task A_resume_sends_what_was_missed_and_then_the_live_events_in_order()
    {
        await PublishAsync();
        await PublishAsync();
        await NumberElsewhereAsync();

        var client = await OpenAsync(since: 1);
        await PublishAsync();

        Assert.Equal([2L, 3, 4], (await ReceiveAsync(client, 3)).Select(message => message.Seq));
    }

    [Fact]
    public async Task A_heartbeat_is_preceded_by_what_was_numbered_elsewhere_and_not_yet_sent()
    {
        var client = await OpenAsync(since: null);
        await NumberElsewhereAsync();

        var connection = Assert.Single(_connections);
        await connection.SendAsync(new Notification(await _hub.Log.LastSeqAsync(User), NotificationTypes.Heartbeat, null, DateTimeOffset.UtcNow, null), default);

        Assert.Equal([(1L, "trackUploaded"), (1L, "heartbeat")], await ReceiveAsync(client, 2));
    }

    [Fact]
    public async Task A_resume_from_a_number_not_yet_given_asks_for_a_resync_and_then_follows_the_live_events()
    {
        await PublishAsync();

        var client = await OpenAsync(since: 40);
        var next = await PublishAsync();

        Assert.Equal([(1L, "resyncRequired"), (next!.Seq, "trackDeleted")], await ReceiveAsync(client, 2));
        Assert.Equal(2, next.Seq);
    }

    private async Task<WebSocket> OpenAsync(long? since)
    {
        var (server, client) = await LoopbackWebSockets.OpenAsync(_sockets);
        _connections.Add((await _hub.ConnectAsync(User, server, new AccessGrant("token", "sign-in", DateTimeOffset.UtcNow.AddHours(1)), since, default))!);
        return client;
    }

    private Task<Notification> NumberElsewhereAsync() =>
        _hub.Log.AppendAsync(User, Guid.NewGuid(), new Notification(0, NotificationTypes.TrackUploaded, Guid.NewGuid(), DateTimeOffset.UtcNow, null));

    private Task<Notification?> PublishAsync() =>
        _hub.PublishAsync(Guid.NewGuid(), User, NotificationTypes.TrackDeleted, Guid.NewGuid(), DateTimeOffset.UtcNow, null, default);

    /// <summary>The next <paramref name="count"/> messages' numbers and types, then nothing more for a moment.</summary>
    private static async Task<List<(long Seq, string Type)>> ReceiveAsync(WebSocket client, int count)
    {
        var received = new List<(long, string)>();
        var buffer = new byte[64 * 1024];
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (received.Count < count)
        {
            var result = await client.ReceiveAsync(buffer, patience.Token);
            var message = JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement;
            received.Add((message.GetProperty("seq").GetInt64(), message.GetProperty("type").GetString()!));
        }

        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        try
        {
            var extra = await client.ReceiveAsync(buffer, quiet.Token);
            Assert.Fail($"One message more than expected: {System.Text.Encoding.UTF8.GetString(buffer, 0, extra.Count)}");
        }
        catch (OperationCanceledException)
        {
        }

        return received;
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }
}
