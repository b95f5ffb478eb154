namespace AudioPlatform.Browser.Tests;

/// <summary>Folders of the repository the test run reads from and writes to.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string WebBuildIndex => Path.Combine(Root, "web", "dist", "index.html");

    public static string Screenshots => Path.Combine(Root, "TestResults", "screenshots");

    private static string FindRoot()
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
