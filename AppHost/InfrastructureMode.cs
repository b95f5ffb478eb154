using System.Diagnostics;

namespace AudioPlatform.AppHost;

/// <summary>Where the platform's servers come from.</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container runtime answers, local otherwise.</summary>
    Auto,

    /// <summary>RabbitMQ, MongoDB, MinIO and PostgreSQL as container resources (the production shape).</summary>
    Containers,

    /// <summary>RabbitMQ from the OS package; LiteDB, local disk and SQLite inside the services.</summary>
    Local,
}

/// <summary>Whether a container runtime can run containers right now (not just whether its CLI exists).</summary>
public interface IContainerRuntimeProbe
{
    ContainerRuntimeStatus Probe();
}

public sealed record ContainerRuntimeStatus(bool IsAvailable, string Description);

/// <summary>Asks <c>docker info</c>, which fails when the CLI is present but no engine runs.</summary>
public sealed class DockerCliProbe(string command = "docker", TimeSpan? timeout = null) : IContainerRuntimeProbe
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);

    public ContainerRuntimeStatus Probe()
    {
        var startInfo = new ProcessStartInfo(command, ["info", "--format", "{{.ServerVersion}}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        Process? process;
        try
        {
            process = Process.Start(startInfo);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            return new(false, $"'{command}' could not be started: {ex.Message}");
        }

        if (process is null)
        {
            return new(false, $"'{command}' could not be started");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(_timeout))
            {
                process.Kill(entireProcessTree: true);
                return new(false, $"'{command} info' did not answer within {_timeout.TotalSeconds:0} s");
            }

            if (process.ExitCode != 0)
            {
                var reason = FirstLine(error.Result) ?? $"exit code {process.ExitCode}";
                return new(false, $"'{command} info' failed: {reason}");
            }

            return new(true, $"{command} engine {FirstLine(output.Result) ?? "(unknown version)"}");
        }
    }

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}

public sealed record InfrastructureChoice(InfrastructureMode Mode, string Reason);

public static class InfrastructureModeSelector
{
    public const string ConfigurationKey = "Infra:Mode";

    /// <summary>
    /// Picks the mode. <c>containers</c> is refused when no runtime answers: every service would
    /// wait for containers that never start, and the AppHost would hang.
    /// </summary>
    public static InfrastructureChoice Select(string? configuredMode, IContainerRuntimeProbe probe)
    {
        var requested = Parse(configuredMode);
        if (requested == InfrastructureMode.Local)
        {
            return new(InfrastructureMode.Local, "local mode requested");
        }

        var runtime = probe.Probe();
        return requested switch
        {
            InfrastructureMode.Containers when runtime.IsAvailable =>
                new(InfrastructureMode.Containers, $"containers mode requested; {runtime.Description}"),
            InfrastructureMode.Containers => throw new InvalidOperationException(
                $"{ConfigurationKey}=containers, but no container runtime works ({runtime.Description}). " +
                $"Start a Docker engine, or run with --{ConfigurationKey}=local."),
            _ when runtime.IsAvailable =>
                new(InfrastructureMode.Containers, $"auto: {runtime.Description}"),
            _ => new(InfrastructureMode.Local, $"auto: no container runtime ({runtime.Description})"),
        };
    }

    public static InfrastructureMode Parse(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? InfrastructureMode.Auto
            : !char.IsDigit(value.Trim()[0]) && Enum.TryParse<InfrastructureMode>(value.Trim(), ignoreCase: true, out var mode)
                ? mode
                : throw new ArgumentException(
                    $"{ConfigurationKey}='{value}' is not a mode. Use auto, containers or local.", nameof(value));
}
