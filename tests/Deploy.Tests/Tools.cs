using System.Diagnostics;

namespace AudioPlatform.Deploy.Tests;

/// <summary>Runs a command-line tool the way the test machine has it; a missing tool is a skip with its reason.</summary>
public static class Tools
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string Everything => $"exit code {ExitCode}\n{Output}\n{Error}";
    }

    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    public static Result Run(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Nothing to answer with: a tool that asks (a password prompt) reads end of input and stops.
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Deployment.RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} could not be started.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in time.");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
