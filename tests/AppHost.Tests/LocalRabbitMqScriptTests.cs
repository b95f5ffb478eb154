using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace AudioPlatform.AppHost.Tests;

/// <summary>The local broker script, run for real: it serves AMQP, and SIGTERM leaves nothing running.</summary>
public sealed class LocalRabbitMqScriptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rabbitmq-script-").FullName;

    [Fact]
    public async Task The_broker_accepts_amqp_and_sigterm_stops_it_and_its_epmd()
    {
        Assert.True(File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"), "rabbitmq-server is not installed (./test.sh installs it)");
        var (port, distPort, epmdPort) = (FreePort(), FreePort(), FreePort());
        var script = Path.Combine(AppContext.BaseDirectory, "LocalRabbitMq", "rabbitmq-local.sh");
        using var broker = Process.Start(new ProcessStartInfo("/bin/bash",
            [script, port.ToString(), distPort.ToString(), epmdPort.ToString(), _directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        broker.OutputDataReceived += (_, _) => { };
        broker.ErrorDataReceived += (_, _) => { };
        broker.BeginOutputReadLine();
        broker.BeginErrorReadLine();

        await using (var connection = await ConnectWithinAsync(port, TimeSpan.FromMinutes(2)))
        {
            Assert.True(connection.IsOpen);
        }

        Assert.True(IsListening(epmdPort), "the script's own epmd should be listening");
        Process.Start("kill", ["-TERM", broker.Id.ToString()])!.WaitForExit();
        Assert.True(broker.WaitForExit(TimeSpan.FromMinutes(1)), "the script did not stop within a minute of SIGTERM");

        Assert.False(IsListening(port), "the broker still listens after SIGTERM");
        Assert.False(IsListening(epmdPort), "epmd still listens after SIGTERM");
    }

    private static async Task<IConnection> ConnectWithinAsync(int port, TimeSpan limit)
    {
        var factory = new ConnectionFactory { Uri = new Uri($"amqp://guest:guest@127.0.0.1:{port}/") };
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                return await factory.CreateConnectionAsync();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
