using System.Diagnostics;
using AudioPlatform.Contracts;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AudioPlatform.Ingest.Apis;

public static class DiagnosticsApi
{
    /// <summary>The user id diagnostic events carry: they belong to no user.</summary>
    public const string DiagnosticsUserId = "diagnostics";

    public static RouteGroupBuilder MapDiagnosticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/ingest/diagnostics").WithTags("Diagnostics");

        api.MapPost("/ping", PublishPing)
            .WithName("PublishDiagnosticPing")
            .WithSummary("Publishes a DiagnosticPingPublished event; Notify records it with the trace id it saw.")
            .WithDescription("Proves the bus end to end: follow the Location, `GET /api/v1/notify/diagnostics/pings/{pingId}`, until Notify has it.");

        return api;
    }

    public static async Task<Accepted<PingAccepted>> PublishPing(IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var pingId = Guid.NewGuid();
        await publisher.Publish(
            new DiagnosticPingPublished(pingId, "ingest") { CorrelationId = pingId, UserId = DiagnosticsUserId },
            cancellationToken);

        var traceId = Activity.Current?.TraceId.ToString();
        return TypedResults.Accepted($"/api/v1/notify/diagnostics/pings/{pingId}", new PingAccepted(pingId, traceId));
    }
}

public sealed record PingAccepted(Guid PingId, string? TraceId);
