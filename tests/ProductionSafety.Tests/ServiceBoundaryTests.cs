using System.Xml.Linq;

namespace AudioPlatform.ProductionSafety.Tests;

/// <summary>
/// A service uses another's capability through a shared library beside the services (Contracts, Engine,
/// Classification, Storage, …) or a message, never by referencing the other service's project.
/// </summary>
public sealed class ServiceBoundaryTests
{
    [Fact]
    public void No_service_references_another_services_project()
    {
        var projects = Directory.GetDirectories(Path.Combine(RepositoryRoot(), "services"))
            .SelectMany(folder => Directory.GetFiles(folder, "*.csproj"))
            .Select(Path.GetFullPath)
            .ToList();
        var services = projects.Where(IsService).ToHashSet();

        Assert.True(services.Count >= 6, $"expected the six services among {string.Join(", ", projects)}");
        var crossings = services
            .SelectMany(service => References(service).Where(services.Contains).Select(target =>
                $"{Path.GetFileName(service)} → {Path.GetFileName(target)}"))
            .ToList();
        Assert.True(crossings.Count == 0, $"services reference other services: {string.Join("; ", crossings)}");
    }

    [Fact]
    public void The_check_tells_a_service_from_a_library()
    {
        var services = Path.Combine(RepositoryRoot(), "services");

        Assert.True(IsService(Path.Combine(services, "Ingest", "Ingest.csproj")));
        Assert.True(IsService(Path.Combine(services, "Analysis", "Analysis.csproj")));
        Assert.False(IsService(Path.Combine(services, "Engine", "Engine.csproj")));
        Assert.False(IsService(Path.Combine(services, "Storage", "Storage.csproj")));
        Assert.Contains(Path.GetFullPath(Path.Combine(services, "Engine", "Engine.csproj")),
            References(Path.Combine(services, "Ingest", "Ingest.csproj")));
    }

    /// <summary>A deployable service: a web project, or one with a Program.cs of its own.</summary>
    private static bool IsService(string project) =>
        XDocument.Load(project).Root?.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web"
        || File.Exists(Path.Combine(Path.GetDirectoryName(project)!, "Program.cs"));

    private static IEnumerable<string> References(string project) =>
        XDocument.Load(project).Descendants("ProjectReference")
            .Select(reference => reference.Attribute("Include")?.Value)
            .OfType<string>()
            .Select(include => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include.Replace('\\', '/'))));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AudioPlatform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No AudioPlatform.sln above {AppContext.BaseDirectory}.");
    }
}
