using System.Net.WebSockets;
using System.Security.Claims;
using AudioPlatform.Notify.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AudioPlatform.Notify.Apis;

public static class DiagnosticsApi
{
    private const int MaxEchoMessageBytes = 64 * 1024;

    /// <summary>Mapped only where diagnostics are enabled (<see cref="DiagnosticsEndpoints"/>); every call needs a user.</summary>
    public static void MapDiagnosticsApi(this WebApplication app)
    {
        if (!app.DiagnosticsEnabled())
        {
            return;
        }

        var api = app.MapGroup("/api/v1/notify/diagnostics").WithTags("Diagnostics").RequireAuthorization();

        api.MapGet("/pings/{pingId}", GetPing)
            .WithName("GetDiagnosticPing")
            .WithSummary("The caller's diagnostic ping as this instance consumed it, with the trace id it was consumed in.")
            .WithDescription("404 until Notify has consumed it, and for another user's ping. Only where diagnostics are enabled; rate-limited per user.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/echo", Echo)
            .WithName("WebSocketEcho")
            .WithSummary("A WebSocket that sends back every text message it receives.")
            .WithDescription("A WebSocket upgrade; a plain request is a 400 problem. Messages are limited to 64 KB. Only where diagnostics are enabled; rate-limited per user.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    public static Results<Ok<ReceivedPing>, ProblemHttpResult> GetPing(Guid pingId, ClaimsPrincipal user, DiagnosticPingLog log) =>
        log.Find(user.GetUserId()!, pingId) is { } ping
            ? TypedResults.Ok(ping)
            : TypedResults.Problem("No such ping: not consumed yet, or not yours.", statusCode: StatusCodes.Status404NotFound);

    public static async Task Echo(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await TypedResults.Problem("This endpoint only accepts WebSocket requests.", statusCode: StatusCodes.Status400BadRequest)
                .ExecuteAsync(context);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[MaxEchoMessageBytes];
        while (socket.State == WebSocketState.Open)
        {
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                break;
            }

            if (!received.EndOfMessage)
            {
                await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {MaxEchoMessageBytes} bytes", context.RequestAborted);
                break;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, endOfMessage: true, context.RequestAborted);
        }
    }
}
