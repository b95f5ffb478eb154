using System.Text.Json.Nodes;

namespace AudioPlatform.Deploy.Tests;

/// <summary>
/// The AppHost's own description of the platform: its Aspire manifest, published by running the built AppHost with
/// <c>--publisher manifest</c> in containers mode (the shape Compose and Kubernetes deploy). Publishing starts nothing;
/// a stand-in docker that answers makes the AppHost choose containers mode on a machine without Docker.
/// </summary>
public sealed class AspireManifest : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _directory = Directory.CreateTempSubdirectory("deploy-manifest-").FullName;

    public AspireManifest()
    {
        var appHost = Path.Combine(Deployment.RepositoryRoot, "AppHost", "bin", Configuration, "net10.0", "AudioPlatform.AppHost.dll");
        var docker = Path.Combine(_directory, "docker");
        File.WriteAllText(docker, "#!/bin/sh\necho 28.2.2\n");
        File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(_directory, "manifest.json");

        var result = Tools.Run("dotnet",
            [appHost, "--publisher", "manifest", "--output-path", path, "--Infra:Mode=containers", $"--Infra:DockerCommand={docker}"],
            workingDirectory: Path.GetDirectoryName(appHost));
        if (result.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException($"The AppHost did not publish its manifest: {result.Everything}");
        }

        Resources = JsonNode.Parse(File.ReadAllText(path))!["resources"]!.AsObject();
    }

    public JsonObject Resources { get; }

    /// <summary>The services: the manifest's project resources.</summary>
    public IEnumerable<string> ProjectNames =>
        Resources.Where(resource => (string?)resource.Value!["type"] == "project.v0").Select(resource => resource.Key);

    /// <summary>Everything that has a connection string: servers, databases, buckets.</summary>
    public IEnumerable<string> ConnectionStringResources =>
        Resources.Where(resource => resource.Value!["connectionString"] is not null).Select(resource => resource.Key);

    public IReadOnlyDictionary<string, string> Environment(string project) =>
        Resources[project]!["env"]!.AsObject().ToDictionary(entry => entry.Key, entry => (string)entry.Value!);

    public bool IsExternal(string project) =>
        Resources[project]!["bindings"]!.AsObject().Any(binding => (bool?)binding.Value!["external"] == true);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
