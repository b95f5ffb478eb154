using System.Diagnostics;
using System.Security.Claims;
using AudioPlatform.Contracts;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AudioPlatform.Ingest.Apis;

public static class DiagnosticsApi
{
    /// <summary>Mapped only where diagnostics are enabled (<see cref="DiagnosticsEndpoints"/>); every call needs a user.</summary>
    public static void MapDiagnosticsApi(this WebApplication app)
    {
        if (!app.DiagnosticsEnabled())
        {
            return;
        }

        var api = app.MapGroup("/api/v1/ingest/diagnostics").WithTags("Diagnostics").RequireAuthorization();

        api.MapPost("/ping", PublishPing)
            .WithName("PublishDiagnosticPing")
            .WithSummary("Publishes a DiagnosticPingPublished event; Notify records it with the trace id it saw.")
            .WithDescription("""
                Proves the bus end to end: follow the Location, `GET /api/v1/notify/diagnostics/pings/{pingId}`, until Notify has it.
                Only where diagnostics are enabled (Development by default); rate-limited per user at the Gateway (429 with `Retry-After`).
                """)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    public static async Task<Accepted<PingAccepted>> PublishPing(ClaimsPrincipal user, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var pingId = Guid.NewGuid();
        // The ping is the caller's: only they can read it back.
        await publisher.Publish(
            new DiagnosticPingPublished(pingId, "ingest") { CorrelationId = pingId, UserId = user.GetUserId()! },
            cancellationToken);

        var traceId = Activity.Current?.TraceId.ToString();
        return TypedResults.Accepted($"/api/v1/notify/diagnostics/pings/{pingId}", new PingAccepted(pingId, traceId));
    }
}

public sealed record PingAccepted(Guid PingId, string? TraceId);
