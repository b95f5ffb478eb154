using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Notify.Hub;

public sealed class NotifyOptions
{
    /// <summary>How many recent notifications per user are kept for clients that reconnect.</summary>
    [System.ComponentModel.DataAnnotations.Range(16, 100_000)]
    public int BufferPerUser { get; set; } = 1000;

    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int MaxConnectionsPerUser { get; set; } = 16;

    /// <summary>How often the server pings each socket (WebSocket ping frames, besides the JSON heartbeats).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A socket whose client has not answered a ping for this long is closed: a vanished client (sleeping laptop,
    /// lost network) stops holding a connection, a buffer and a slot of <see cref="MaxConnectionsPerUser"/> (TCP alone
    /// would take hours to notice). Browsers answer pings at once, but .NET's <c>ClientWebSocket</c> only while it is
    /// reading, so this stays above the longest a client may go without reading (a test that uploads a batch and
    /// reads the events afterwards).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Routes each user's notifications to that user's open WebSockets only, and keeps the recent ones
/// for resuming. One per process.
/// </summary>
public sealed class NotificationHub(IOptions<NotifyOptions> options, ILogger<NotificationHub> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, UserEventBuffer> _buffers = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, ClientConnection>> _connections = new();

    public UserEventBuffer BufferOf(string userId) =>
        _buffers.GetOrAdd(userId, _ => new UserEventBuffer(options.Value.BufferPerUser));

    public async Task<Notification> PublishAsync(string userId, string type, Guid? trackId, DateTimeOffset occurredAt, object? data, CancellationToken cancellationToken)
    {
        var payload = data is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(data, Json);
        var notification = BufferOf(userId).Append(seq => new Notification(seq, type, trackId, occurredAt, payload));

        if (_connections.TryGetValue(userId, out var clients))
        {
            foreach (var client in clients.Values)
            {
                await client.SendAsync(notification, cancellationToken);
            }
        }

        return notification;
    }

    public ClientConnection? Connect(string userId, WebSocket socket)
    {
        var clients = _connections.GetOrAdd(userId, _ => new());
        if (clients.Count >= options.Value.MaxConnectionsPerUser)
        {
            return null;
        }

        var connection = new ClientConnection(socket, logger);
        clients[connection.Id] = connection;
        return connection;
    }

    public void Disconnect(string userId, ClientConnection connection)
    {
        if (_connections.TryGetValue(userId, out var clients))
        {
            clients.TryRemove(connection.Id, out _);
        }
    }
}

/// <summary>One open WebSocket; sends are serialised because a WebSocket allows one send at a time.</summary>
public sealed class ClientConnection(WebSocket socket, ILogger logger)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public Guid Id { get; } = Guid.NewGuid();

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (socket.State != WebSocketState.Open)
        {
            return;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(notification, NotificationHub.Json);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A client that went away is cleaned up by its own receive loop; the others still get the message.
            logger.LogDebug(ex, "Dropped a notification for a closed WebSocket");
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
