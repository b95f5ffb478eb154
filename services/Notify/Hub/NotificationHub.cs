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

    /// <summary>How long a notification is kept for resuming (with Redis; the in-memory buffer keeps by count only).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan BufferAge { get; set; } = TimeSpan.FromHours(1);

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
/// for resuming (<see cref="IUserEventLog"/>, shared by the replicas in Redis). One per process: it sends each event to
/// this process's sockets once. Each socket is held to the access token it was opened with: closed
/// (<c>PolicyViolation</c>) when that token expires or Identity revokes it or its sign-in.
/// </summary>
public sealed class NotificationHub
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, ClientConnection>> _connections = new();
    private readonly IOptions<NotifyOptions> _options;
    private readonly RevokedAccessTokens _revoked;
    private readonly TimeProvider _time;
    private readonly ILogger<NotificationHub> _logger;
    private readonly ConcurrentDictionary<string, UserOrdering> _ordering = new(StringComparer.Ordinal);

    public NotificationHub(
        IOptions<NotifyOptions> options, RevokedAccessTokens revoked, TimeProvider time, ILogger<NotificationHub> logger, IUserEventLog? log = null)
    {
        _options = options;
        Log = log ?? new MemoryUserEventLog(options);
        _revoked = revoked;
        _time = time;
        _logger = logger;
        revoked.Revoked += CloseRevoked;
    }

    public IUserEventLog Log { get; }

    /// <summary>
    /// Numbers the event <paramref name="eventId"/> (the same number on every replica) and sends it to this process's
    /// sockets of the user. Null when the event is stale: a start or progress of an analysis whose outcome (or the
    /// track's deletion) this process has already numbered. Each kind of event has its own queue, so a late progress
    /// can be consumed after the completion; numbered after it, it would tell the user the analysis is running again.
    /// </summary>
    public async Task<Notification?> PublishAsync(
        Guid eventId, string userId, string type, Guid? trackId, DateTimeOffset occurredAt, object? data, CancellationToken cancellationToken)
    {
        var payload = data is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(data, Json);
        var order = _ordering.GetOrAdd(userId, _ => new UserOrdering());
        Notification notification;
        // One user's events are numbered one at a time in this process, so "is it stale?" and "number it" are one act.
        await order.Gate.WaitAsync(cancellationToken);
        try
        {
            if (trackId is { } track && order.IsStale(type, track, occurredAt))
            {
                return null;
            }

            notification = await Log.AppendAsync(userId, eventId, new Notification(0, type, trackId, occurredAt, payload));
            if (trackId is { } finished) order.Record(type, finished, occurredAt);
        }
        finally
        {
            order.Gate.Release();
        }

        if (_connections.TryGetValue(userId, out var clients))
        {
            foreach (var client in clients.Values)
            {
                await client.SendAsync(notification, cancellationToken);
            }
        }

        return notification;
    }

    /// <summary>One user's numbering gate and the tracks whose analysis has ended, with when.</summary>
    private sealed class UserOrdering
    {
        private const int MaxRemembered = 2000;
        private readonly Dictionary<Guid, DateTimeOffset> _ended = [];

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public bool IsStale(string type, Guid trackId, DateTimeOffset occurredAt) =>
            type is NotificationTypes.AnalysisStarted or NotificationTypes.AnalysisProgress &&
            _ended.TryGetValue(trackId, out var endedAt) && endedAt >= occurredAt;

        public void Record(string type, Guid trackId, DateTimeOffset occurredAt)
        {
            if (type is not (NotificationTypes.AnalysisCompleted or NotificationTypes.AnalysisFailed or NotificationTypes.TrackDeleted)) return;
            if (_ended.Count >= MaxRemembered)
            {
                // Late events arrive within seconds: forgetting the oldest half bounds the memory and loses nothing that matters.
                foreach (var oldest in _ended.OrderBy(e => e.Value).Take(MaxRemembered / 2).Select(e => e.Key).ToList()) _ended.Remove(oldest);
            }
            _ended[trackId] = occurredAt;
        }
    }

    /// <summary>
    /// Registers the socket, or null when the user has too many, then starts it: with <paramref name="since"/>, what the
    /// client missed after that number first; without, from the user's latest number. Its token's expiry is scheduled
    /// here, and a revocation learnt between the token's validation and now closes it at once.
    /// </summary>
    public async Task<ClientConnection?> ConnectAsync(string userId, WebSocket socket, AccessGrant grant, long? since, CancellationToken cancellationToken)
    {
        var clients = _connections.GetOrAdd(userId, _ => new());
        if (clients.Count >= _options.Value.MaxConnectionsPerUser)
        {
            return null;
        }

        // Registered before it reads the log: an event numbered meanwhile is either in what it reads or sent to it live.
        var connection = new ClientConnection(socket, grant, userId, Log, _logger);
        clients[connection.Id] = connection;
        connection.CloseAt(grant.ExpiresAt, _time);
        if (_revoked.Find(grant.TokenId, grant.AuthorizationId) is { } scope)
        {
            _ = connection.CloseAsync(CloseReasons.Of(scope));
        }

        try
        {
            await connection.StartAsync(since, cancellationToken);
        }
        catch
        {
            Disconnect(userId, connection);
            throw;
        }

        return connection;
    }

    public void Disconnect(string userId, ClientConnection connection)
    {
        if (_connections.TryGetValue(userId, out var clients))
        {
            clients.TryRemove(connection.Id, out _);
        }

        connection.Dispose();
    }

    private void CloseRevoked(Revocation revocation)
    {
        var candidates = string.IsNullOrEmpty(revocation.UserId)
            ? _connections.Values.SelectMany(clients => clients.Values)
            : _connections.TryGetValue(revocation.UserId, out var clients) ? clients.Values : [];
        foreach (var connection in candidates.Where(connection => connection.Grant.IsEndedBy(revocation)))
        {
            _ = connection.CloseAsync(CloseReasons.Of(revocation.Scope));
        }
    }
}

/// <summary>
/// One open WebSocket. Sends are serialised (a WebSocket allows one at a time) and go out in the user's numbering with
/// no gap and no repeat: events reach a replica in any order (each kind has its own queue, and another replica may have
/// numbered one this one has not heard yet), so a number past the next one is preceded by the missing ones, read from
/// the shared log, and a number already sent is dropped.
/// </summary>
public sealed class ClientConnection(WebSocket socket, AccessGrant grant, string userId, IUserEventLog log, ILogger logger) : IDisposable
{
    /// <summary>How long a client has to answer the server's close before the connection is dropped.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private ITimer? _expiry;

    /// <summary>The last number sent; null until <see cref="StartAsync"/>, which reads the log after registration, so nothing is lost meanwhile.</summary>
    private long? _lastSent;

    public Guid Id { get; } = Guid.NewGuid();

    public AccessGrant Grant => grant;

    /// <summary>Cancelled once the server has closed the socket and the client has had its time to answer: stop reading.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>From <paramref name="since"/>, sending what came after it (or a resync notice), or from the user's latest number.</summary>
    internal async Task StartAsync(long? since, CancellationToken cancellationToken) =>
        await SerialisedAsync(async () =>
        {
            if (since is { } after)
            {
                _lastSent = after;
                await CatchUpAsync(long.MaxValue, cancellationToken);
            }
            else
            {
                _lastSent = await log.LastSeqAsync(userId);
            }
        }, cancellationToken);

    /// <summary>A numbered event, in order (see the class); or a heartbeat, after whatever the log holds that this socket has not had.</summary>
    public async Task SendAsync(Notification notification, CancellationToken cancellationToken) =>
        await SerialisedAsync(async () =>
        {
            if (_lastSent is not { } last)
            {
                return;
            }

            switch (notification.Type)
            {
                case NotificationTypes.Heartbeat:
                    if (notification.Seq > last)
                    {
                        await CatchUpAsync(notification.Seq, cancellationToken);
                    }

                    await WriteAsync(notification, cancellationToken);
                    return;
                case NotificationTypes.ResyncRequired:
                    await WriteAsync(notification, cancellationToken);
                    return;
            }

            if (notification.Seq > last + 1)
            {
                await CatchUpAsync(notification.Seq - 1, cancellationToken);
            }

            if (notification.Seq > _lastSent)
            {
                await WriteAsync(notification, cancellationToken);
                _lastSent = notification.Seq;
            }
        }, cancellationToken);

    /// <summary>Sends what the log holds after the last number sent, up to <paramref name="upTo"/>; a resync notice first when it no longer holds all of it.</summary>
    private async Task CatchUpAsync(long upTo, CancellationToken cancellationToken)
    {
        var (missed, complete) = await log.SinceAsync(userId, _lastSent!.Value);
        if (!complete)
        {
            // The client reloads its state, so it continues from the latest number.
            var latest = await log.LastSeqAsync(userId);
            await WriteAsync(new Notification(latest, NotificationTypes.ResyncRequired, null, DateTimeOffset.UtcNow, null), cancellationToken);
            _lastSent = latest;
        }

        foreach (var notification in missed.Where(notification => notification.Seq > _lastSent && notification.Seq <= upTo))
        {
            await WriteAsync(notification, cancellationToken);
            _lastSent = notification.Seq;
        }
    }

    private async Task WriteAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (socket.State == WebSocketState.Open)
        {
            await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(notification, NotificationHub.Json), WebSocketMessageType.Text,
                endOfMessage: true, cancellationToken);
        }
    }

    private async Task SerialisedAsync(Func<Task> send, CancellationToken cancellationToken)
    {
        if (socket.State != WebSocketState.Open)
        {
            return;
        }

        try
        {
            await _sendLock.WaitAsync(cancellationToken);
            try
            {
                await send();
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A client that went away is cleaned up by its own receive loop; the others still get the message.
            logger.LogDebug(ex, "Dropped a notification for a closed WebSocket");
        }
    }

    /// <summary>
    /// Closes the socket from the server's side with <c>PolicyViolation</c> and <paramref name="reason"/>; no message
    /// is sent after it. The client's answer is awaited by the receive loop, for <see cref="CloseHandshakeTimeout"/> at most.
    /// </summary>
    public async Task CloseAsync(string reason)
    {
        using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
        try
        {
            await _sendLock.WaitAsync(timeout.Token);
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    logger.LogInformation("Closing a WebSocket: {Reason}", reason);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, reason, timeout.Token);
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            logger.LogDebug(ex, "Could not close a WebSocket cleanly ({Reason}); it is dropped", reason);
        }

        try
        {
            _closed.CancelAfter(CloseHandshakeTimeout);
        }
        catch (ObjectDisposedException)
        {
            // Already disconnected.
        }
    }

    /// <summary>Closes the socket with "token expired" when its access token does.</summary>
    internal void CloseAt(DateTimeOffset expiresAt, TimeProvider time)
    {
        var due = expiresAt - time.GetUtcNow();
        _expiry = time.CreateTimer(_ => _ = CloseAsync(CloseReasons.TokenExpired), null,
            due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _expiry?.Dispose();
        _closed.Dispose();
    }
}
