using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace AudioPlatform.AppHost.LocalRabbitMq;

/// <summary>
/// A RabbitMQ broker run from the OS package as an executable resource, with a connection string
/// like the container resource's, so the services cannot tell the modes apart.
/// </summary>
public sealed class LocalRabbitMqResource(string name, string workingDirectory, int port)
    : ExecutableResource(name, "/bin/bash", workingDirectory), IResourceWithConnectionString
{
    public int Port { get; } = port;

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{ConnectionString}");
}

public static class LocalRabbitMqExtensions
{
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var port = FreeTcpPort();
        var distPort = FreeTcpPort();
        var epmdPort = FreeTcpPort();
        var nodeDirectory = Path.Combine(dataDirectory, $"rabbitmq-{port}");
        var script = Path.Combine(AppContext.BaseDirectory, "LocalRabbitMq", "rabbitmq-local.sh");

        var resource = new LocalRabbitMqResource(name, AppContext.BaseDirectory, port);
        var healthCheckKey = $"{name}-amqp";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, async cancellationToken =>
        {
            try
            {
                var factory = new ConnectionFactory { Uri = new Uri(resource.ConnectionString) };
                await using var connection = await factory.CreateConnectionAsync(cancellationToken);
                return connection.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("AMQP connection closed");
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy($"AMQP on port {port}: {ex.Message}");
            }
        });

        return builder.AddResource(resource)
            .WithArgs(script, port.ToString(), distPort.ToString(), epmdPort.ToString(), nodeDirectory)
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>A port nobody listens on now; the broker binds it a moment later.</summary>
    internal static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
