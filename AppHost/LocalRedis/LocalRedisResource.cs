using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using AudioPlatform.AppHost.LocalRabbitMq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AudioPlatform.AppHost.LocalRedis;

/// <summary>
/// A Redis from the OS package run as an executable resource, with a connection string in the form the container
/// resource's has (StackExchange.Redis configuration), so the services cannot tell the modes apart.
/// </summary>
public sealed class LocalRedisResource(string name, string workingDirectory, int port)
    : ExecutableResource(name, "/bin/bash", workingDirectory), IResourceWithConnectionString
{
    public int Port { get; } = port;

    public string ConnectionString => $"127.0.0.1:{Port}";

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{ConnectionString}");
}

public static class LocalRedisExtensions
{
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var port = LocalRabbitMqExtensions.FreeTcpPort();
        var script = Path.Combine(AppContext.BaseDirectory, "LocalRedis", "redis-local.sh");
        var resource = new LocalRedisResource(name, AppContext.BaseDirectory, port);

        var healthCheckKey = $"{name}-ping";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, cancellationToken => PingAsync(port, cancellationToken));

        return builder.AddResource(resource)
            .WithArgs(script, port.ToString(), Path.Combine(dataDirectory, $"redis-{port}"))
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>Healthy once the server answers PING (it refuses commands while it is still loading).</summary>
    internal static async Task<HealthCheckResult> PingAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var answer = new byte[64];
            var read = await stream.ReadAsync(answer, cancellationToken);
            var text = Encoding.ASCII.GetString(answer, 0, read);
            return text.StartsWith("+PONG", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Redis on port {port} answered {text.Trim()}");
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return HealthCheckResult.Unhealthy($"Redis on port {port}: {ex.Message}");
        }
    }
}
