using System.Text.RegularExpressions;
using AudioPlatform.Deploy.Tests.Helm;

namespace AudioPlatform.Deploy.Tests;

/// <summary>
/// Every setting the chart or Compose gives a service is one that service reads: its section is named in the service's
/// code or in ServiceDefaults, and so is the property. A misspelt key would otherwise be ignored without a word.
/// </summary>
public sealed class SettingsKeyTests
{
    /// <summary>Read by .NET itself (environment, ports, certificates) rather than by an options class of the platform.</summary>
    private static readonly HashSet<string> FrameworkKeys = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "HTTP_PORTS", "SSL_CERT_DIR"];

    /// <summary>Sections read by ASP.NET Core, Aspire's service discovery and the connection-string convention.</summary>
    private static readonly HashSet<string> FrameworkSections = ["Kestrel", "services", "ConnectionStrings"];

    private static readonly List<Dictionary<string, object?>> Rendered = Chart.Render();

    public static TheoryData<string> Services => [.. Deployment.ServiceNames];

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_key_the_chart_sets_is_read_by_the_service(string service)
    {
        AssertRead(service, ServiceSettings.Chart(Rendered, service));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_key_compose_sets_is_read_by_the_service(string service)
    {
        AssertRead(service, ServiceSettings.Compose(service).Keys);
    }

    [Fact]
    public void A_misspelt_key_is_caught()
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertRead("analysis", ["Analysis__MaxConcurency"]));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertRead("ingest", ["Uploads__MaxFileBytes"]));
    }

    private static void AssertRead(string service, IEnumerable<string> keys)
    {
        var source = Source(service);
        foreach (var key in keys.Where(key => !FrameworkKeys.Contains(key)))
        {
            var parts = key.Split("__");
            Assert.True(parts.Length > 1, $"{service}: {key} is not a Section__Key setting");
            if (FrameworkSections.Contains(parts[0]))
            {
                continue;
            }

            Assert.True(source.Contains($"\"{parts[0]}\"", StringComparison.Ordinal) || source.Contains($"\"{parts[0]}:", StringComparison.Ordinal),
                $"{service}: nothing in its code or ServiceDefaults reads the section of {key}");
            // YARP reads its own section's shape.
            if (parts[0] != "ReverseProxy")
            {
                Assert.True(Regex.IsMatch(source, $@"\b{Regex.Escape(parts[1])}\b"), $"{service}: nothing in its code or ServiceDefaults has {parts[1]} of {key}");
            }
        }
    }

    private static string Source(string service)
    {
        var folder = Path.Combine(Deployment.RepositoryRoot, "services", char.ToUpperInvariant(service[0]) + service[1..]);
        return string.Join('\n', Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Deployment.RepositoryRoot, "ServiceDefaults"), "*.cs"))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
    }
}
