using System.Net.WebSockets;
using AudioPlatform.Notify.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AudioPlatform.Notify.Apis;

public static class DiagnosticsApi
{
    private const int MaxEchoMessageBytes = 64 * 1024;

    public static RouteGroupBuilder MapDiagnosticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notify/diagnostics").WithTags("Diagnostics");

        api.MapGet("/pings/{pingId}", GetPing)
            .WithName("GetDiagnosticPing")
            .WithSummary("The diagnostic ping this instance consumed, with the trace id it was consumed in.");

        api.MapGet("/echo", Echo)
            .WithName("WebSocketEcho")
            .WithSummary("A WebSocket that sends back every text message it receives.")
            .WithDescription("A WebSocket upgrade; a plain request is a 400 problem. Messages are limited to 64 KB.");

        return api;
    }

    public static Results<Ok<ReceivedPing>, NotFound> GetPing(Guid pingId, DiagnosticPingLog log) =>
        log.Find(pingId) is { } ping ? TypedResults.Ok(ping) : TypedResults.NotFound();

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
