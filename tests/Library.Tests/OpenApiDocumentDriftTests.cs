using System.Diagnostics;
using System.Text.Json.Nodes;

namespace AudioPlatform.Library.Tests;

/// <summary>
/// The build's guard (ServiceDefaults/OpenApiDocuments.targets) on the Library: its document, written from the built
/// service, is compared with the checked-in copy the web app's types are generated from. Run against a copy of the
/// checked-in documents: as they are the check passes; with one changed it fails, naming the refresh command.
/// </summary>
public sealed class OpenApiDocumentDriftTests : IDisposable
{
    private readonly DirectoryInfo _documents = Directory.CreateTempSubdirectory("audioplatform-openapi-");

    public void Dispose() => _documents.Delete(recursive: true);

    [Fact]
    public void The_build_accepts_the_checked_in_document_and_fails_on_a_changed_one_naming_the_refresh_command()
    {
        var library = Path.Combine(_documents.FullName, "library.json");
        File.Copy(Path.Combine(RepositoryRoot, "web", "openapi", "library.json"), library);

        var (unchanged, unchangedOutput) = CheckDocument();
        Assert.True(unchanged == 0, unchangedOutput);

        var document = JsonNode.Parse(File.ReadAllText(library))!;
        document["paths"]!["/api/v1/audio"]!["get"]!["summary"] = "A summary the service does not have.";
        File.WriteAllText(library, document.ToJsonString());

        var (changed, changedOutput) = CheckDocument();
        Assert.NotEqual(0, changed);
        Assert.Contains("differs from web/openapi/library.json", changedOutput);
        Assert.Contains("scripts/refresh-api-types.sh", changedOutput);
    }

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Runs the build's check on the Library as built for these tests, against the copy in the temporary folder.</summary>
    private (int ExitCode, string Output) CheckDocument()
    {
        // The tests run from bin/<configuration>/<framework>/: check the Library built in the same configuration.
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "msbuild", Path.Combine(RepositoryRoot, "services", "Library", "Library.csproj"), "-t:WriteOpenApiDocument",
                     $"-p:Configuration={configuration}", $"-p:OpenApiCheckedInDirectory={_documents.FullName}/", "-nologo", "-nodeReuse:false",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild settings would point the child build at the test run's SDK state.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The document check did not finish.");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AudioPlatform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("AudioPlatform.sln not found above the test's folder.");
    }
}
