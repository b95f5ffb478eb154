using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AudioPlatform.Identity.Tests;

/// <summary>
/// A throwaway PostgreSQL from the Debian package (initdb refuses root: run as <c>postgres</c>),
/// trust authentication on 127.0.0.1, fsync off; stopped and deleted afterwards.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    private readonly string _binaries;
    private readonly string _directory;

    private PostgreSqlServer(string binaries, string directory, int port)
    {
        _binaries = binaries;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    /// <summary>The folder with initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending()
                .Select(version => Path.Combine(version, "bin"))
                .FirstOrDefault(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            : null;

    public static async Task<PostgreSqlServer> StartAsync(string binaries)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"audioplatform-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        await RunAsync("chown", "postgres:postgres", directory);
        var port = FreePort();
        var server = new PostgreSqlServer(binaries, directory, port);
        await server.AsPostgresAsync("initdb", "-D", directory, "-U", "postgres", "--auth=trust", "--no-sync");
        await server.AsPostgresAsync("pg_ctl", "-D", directory, "-l", Path.Combine(directory, "server.log"),
            "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off", "-w", "start");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsPostgresAsync("pg_ctl", "-D", _directory, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task AsPostgresAsync(string tool, params string[] arguments) =>
        Environment.UserName == "postgres"
            ? RunAsync(Path.Combine(_binaries, tool), arguments)
            : RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binaries, tool), .. arguments]);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
