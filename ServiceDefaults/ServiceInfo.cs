using System.Reflection;
using AudioPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>What a running service says about itself.</summary>
public sealed record ServiceInfo(string Service, string Version, string Mode, string Instance, DateTimeOffset StartedAt);

public static class ServiceInfoExtensions
{
    private static readonly DateTimeOffset StartedAt = DateTimeOffset.UtcNow;

    public static string PlatformVersion { get; } =
        typeof(ServiceInfoExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary><c>GET /api/v1/{service}/info</c>: proves the Gateway reaches this service.</summary>
    public static IEndpointConventionBuilder MapServiceInfo(this IEndpointRouteBuilder app, string service)
    {
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        return app.MapGet($"/api/v1/{service}/info", () => TypedResults.Ok(new ServiceInfo(
                service,
                PlatformVersion,
                configuration[PlatformSettings.InfraModeKey] ?? "unknown",
                $"{Environment.MachineName}:{Environment.ProcessId}",
                StartedAt)))
            .WithName($"{service}-info")
            .WithSummary($"Describes the running {service} service.");
    }
}
