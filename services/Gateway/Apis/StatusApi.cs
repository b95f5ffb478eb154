using AudioPlatform.Gateway.Infrastructure;
using AudioPlatform.ServiceDefaults;

namespace AudioPlatform.Gateway.Apis;

public sealed record PlatformStatus(string Version, string Mode, string Status, IReadOnlyList<ServiceHealth> Services);

public static class StatusApi
{
    public static IEndpointConventionBuilder MapStatusApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/status", GetStatus)
            .WithName("GetPlatformStatus")
            .WithSummary("The platform's version, infrastructure mode and each service's health.")
            .WithDescription("No sign-in needed. 503 (same body) when a service is unhealthy or unreachable.")
            .Produces<PlatformStatus>(StatusCodes.Status200OK)
            .Produces<PlatformStatus>(StatusCodes.Status503ServiceUnavailable)
            .WithTags("Status");

    public static async Task<IResult> GetStatus(ServiceHealthClient health, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var services = await Task.WhenAll(ResourceNames.Services.Select(name => health.CheckAsync(name, cancellationToken)));
        var overall = services.All(s => s.Status == "Healthy") ? "Healthy"
            : services.Any(s => s.Status is "Unhealthy" or "Unreachable") ? "Unhealthy"
            : "Degraded";

        var status = new PlatformStatus(
            ServiceInfoExtensions.PlatformVersion,
            configuration[PlatformSettings.InfraModeKey] ?? "unknown",
            overall,
            services);

        return overall == "Unhealthy"
            ? TypedResults.Json(status, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(status);
    }
}
