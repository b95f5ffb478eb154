using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AudioPlatform.AppHost.LocalRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AudioPlatform.AppHost.Tests;

/// <summary>The local Redis script, run for real: it answers PING on its port only, and SIGTERM leaves nothing running.</summary>
public sealed class LocalRedisScriptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("redis-script-").FullName;

    [Fact]
    public async Task Redis_answers_the_health_check_and_sigterm_stops_it()
    {
        Assert.True(File.Exists("/usr/bin/redis-server"), "redis-server is not installed (./test.sh installs it)");
        var port = FreePort();
        var script = Path.Combine(AppContext.BaseDirectory, "LocalRedis", "redis-local.sh");
        using var redis = Process.Start(new ProcessStartInfo("/bin/bash", [script, port.ToString(), _directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        redis.OutputDataReceived += (_, _) => { };
        redis.ErrorDataReceived += (_, _) => { };
        redis.BeginOutputReadLine();
        redis.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        var health = await LocalRedisExtensions.PingAsync(port, default);
        while (health.Status != HealthStatus.Healthy && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            health = await LocalRedisExtensions.PingAsync(port, default);
        }

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Process.Start("kill", ["-TERM", redis.Id.ToString()])!.WaitForExit();
        Assert.True(redis.WaitForExit(TimeSpan.FromSeconds(30)), "redis-server did not stop within 30 s of SIGTERM");
        Assert.Equal(HealthStatus.Unhealthy, (await LocalRedisExtensions.PingAsync(port, default)).Status);
        Assert.Empty(Directory.GetFiles(_directory, "*", SearchOption.AllDirectories));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
