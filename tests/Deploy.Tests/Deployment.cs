using AudioPlatform.Deploy.Tests.Helm;

namespace AudioPlatform.Deploy.Tests;

/// <summary>Where the deployment files are, and the chart's values: the source of truth the other files are checked against.</summary>
public static class Deployment
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ChartDirectory => Path.Combine(RepositoryRoot, "deploy", "helm", "audioplatform");

    public static string ComposeDirectory => Path.Combine(RepositoryRoot, "deploy", "compose");

    public static string ComposeFile => Path.Combine(ComposeDirectory, "docker-compose.yml");

    public static Dictionary<string, object?> Values { get; } = Yaml.LoadMap(File.ReadAllText(Path.Combine(ChartDirectory, "values.yaml")));

    /// <summary>The services of values.yaml by resource name (gateway, identity, ...).</summary>
    public static Dictionary<string, object?> Services => Yaml.Map(Values, "services");

    public static IEnumerable<string> ServiceNames => Services.Keys.Order(StringComparer.Ordinal);

    public static List<string> Strings(string service, string field) =>
        [.. Yaml.List(Services[service], field).Select(item => (string)item!)];

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AudioPlatform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("AudioPlatform.sln is not above the test's folder.");
    }
}
