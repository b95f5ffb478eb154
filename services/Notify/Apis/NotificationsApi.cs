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
                analysisProgress, analysisCompleted, analysisFailed, trackDeleted, reanalysisProgress (a bulk re-analysis moved on:
                `data` is `{ batchId, total, done, failed }`, no `trackId`), heartbeat or resyncRequired (the buffer no
                longer holds what `since` asked for: list the tracks again). The server pings; a client that stops answering is dropped.
                The socket lives no longer than the access token it was opened with: the server closes it with status 1008
                (policy violation) and the reason `token expired` (reconnect with a fresh token, `since` the last `seq`),
                `token revoked` or `session ended` (sign in again).
                """)
            .RequireAuthorization()
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status400BadRequest);

    /// <summary>
    /// Streams the user's notifications. The user comes only from the validated token. A client that
    /// reconnects with <c>since</c> first gets what it missed, or a <c>resyncRequired</c> notice when
    /// the buffer no longer holds all of it. The hub closes the socket when its token expires or is revoked.
    /// </summary>
    public static async Task Connect(HttpContext context, NotificationHub hub, IOptions<NotifyOptions> options, long? since)
    {
        if (context.User.GetUserId() is not { } userId || AccessGrant.From(context.User) is not { } grant)
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
        var connection = await hub.ConnectAsync(userId, socket, grant, since, context.RequestAborted);
        if (connection is null)
        {
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, CloseReasons.TooManyConnections, context.RequestAborted);
            return;
        }

        try
        {
            using var open = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, connection.Closed);
            using var heartbeat = new PeriodicTimer(options.Value.HeartbeatInterval);
            var heartbeats = SendHeartbeatsAsync(hub.Log, userId, connection, heartbeat, open.Token);
            await ReceiveUntilClosedAsync(socket, open.Token);
            heartbeat.Dispose();
            await heartbeats;
        }
        finally
        {
            hub.Disconnect(userId, connection);
        }
    }

    private static async Task SendHeartbeatsAsync(IUserEventLog log, string userId, ClientConnection connection, PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await connection.SendAsync(
                    new Notification(await log.LastSeqAsync(userId), NotificationTypes.Heartbeat, null, DateTimeOffset.UtcNow, null), cancellationToken);
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
            // CloseSent: the server closed (the token expired or was revoked) and waits for the client's answer.
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close && socket.State == WebSocketState.CloseReceived)
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
