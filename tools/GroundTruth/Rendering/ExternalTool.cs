using System.Diagnostics;

namespace AudioPlatform.GroundTruth.Rendering;

/// <summary>A failure of fluidsynth or ffmpeg, with what it printed.</summary>
public sealed class ExternalToolException(string message) : Exception(message);

internal static class ExternalTool
{
    public static bool IsAvailable(string executable)
    {
        if (Path.IsPathRooted(executable)) return File.Exists(executable);
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(directory, executable))) return true;
        return false;
    }

    public static async Task RunAsync(string executable, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new ExternalToolException($"{executable} did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new ExternalToolException($"{executable} did not finish within {timeout.TotalSeconds:F0} s");
        }
        var error = await stderr;
        await stdout;
        if (process.ExitCode != 0) throw new ExternalToolException($"{executable} exited with {process.ExitCode}: {error.Trim()}");
    }
}
