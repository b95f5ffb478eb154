using System.Net.WebSockets;
using AudioPlatform.Notify.Hub;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Notify.Apis;

public static class NotificationsApi
{
    private const int MaxClientMessageBytes = 4096;

    public static IEndpointConventionBuilder MapNotificationsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/ws", Connect)
            .WithName("Notifications")
            .WithTags("Notifications")
            .WithSummary("The signed-in user's track events as JSON over a WebSocket; ?since=<seq> replays what was missed.")
            .WithDescription("""
                A WebSocket upgrade (`ws://…/api/v1/ws`), not a plain GET: a plain request is a 400 problem. Each message is
                `{ "seq", "type", "trackId", "occurredAt", "data" }` with `type` one of trackUploaded, analysisStarted,
                analysisProgress, analysisCompleted, analysisFailed, trackDeleted, heartbeat or resyncRequired (the buffer no
                longer holds what `since` asked for: list the tracks again). The server pings; a client that stops answering is dropped.
                """)
            .RequireAuthorization()
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status400BadRequest);

    /// <summary>
    /// Streams the user's notifications. The user comes only from the validated token. A client that
    /// reconnects with <c>since</c> first gets what it missed, or a <c>resyncRequired</c> notice when
    /// the buffer no longer holds all of it.
    /// </summary>
    public static async Task Connect(HttpContext context, NotificationHub hub, IOptions<NotifyOptions> options, long? since)
    {
        if (context.User.GetUserId() is not { } userId)
        {
            await TypedResults.Problem("Sign in first: the notification WebSocket needs a valid access token.",
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await TypedResults.Problem("This endpoint only accepts WebSocket requests.", statusCode: StatusCodes.Status400BadRequest)
                .ExecuteAsync(context);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = hub.Connect(userId, socket);
        if (connection is null)
        {
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "too many connections for this user", context.RequestAborted);
            return;
        }

        try
        {
            await ReplayAsync(hub.BufferOf(userId), connection, since, context.RequestAborted);
            using var heartbeat = new PeriodicTimer(options.Value.HeartbeatInterval);
            var heartbeats = SendHeartbeatsAsync(hub.BufferOf(userId), connection, heartbeat, context.RequestAborted);
            await ReceiveUntilClosedAsync(socket, context.RequestAborted);
            heartbeat.Dispose();
            await heartbeats;
        }
        finally
        {
            hub.Disconnect(userId, connection);
        }
    }

    private static async Task ReplayAsync(UserEventBuffer buffer, ClientConnection connection, long? since, CancellationToken cancellationToken)
    {
        if (since is not { } after)
        {
            return;
        }

        var (missed, complete) = buffer.Since(after);
        if (!complete)
        {
            await connection.SendAsync(
                new Notification(buffer.LastSeq, NotificationTypes.ResyncRequired, null, DateTimeOffset.UtcNow, null), cancellationToken);
        }

        foreach (var notification in missed)
        {
            await connection.SendAsync(notification, cancellationToken);
        }
    }

    private static async Task SendHeartbeatsAsync(UserEventBuffer buffer, ClientConnection connection, PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await connection.SendAsync(
                    new Notification(buffer.LastSeq, NotificationTypes.Heartbeat, null, DateTimeOffset.UtcNow, null), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxClientMessageBytes];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }
}
