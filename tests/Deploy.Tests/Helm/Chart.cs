namespace AudioPlatform.Deploy.Tests.Helm;

/// <summary>The chart rendered as `helm template audioplatform deploy/helm/audioplatform` would, with its default values.</summary>
public static class Chart
{
    public const string ReleaseName = "audioplatform";

    public static string RenderText(Dictionary<string, object?>? values = null)
    {
        var chart = Yaml.LoadMap(File.ReadAllText(Path.Combine(Deployment.ChartDirectory, "Chart.yaml")));
        var root = new Dictionary<string, object?>
        {
            ["Values"] = values ?? Deployment.Values,
            ["Release"] = new Dictionary<string, object?> { ["Name"] = ReleaseName, ["Namespace"] = ReleaseName },
            // Helm exposes Chart.yaml's fields capitalised: appVersion is .Chart.AppVersion.
            ["Chart"] = chart.ToDictionary(entry => char.ToUpperInvariant(entry.Key[0]) + entry.Key[1..], entry => entry.Value),
        };

        var templates = Directory.GetFiles(Path.Combine(Deployment.ChartDirectory, "templates"), "*.yaml").Order(StringComparer.Ordinal);
        return string.Join("\n", templates.Select(template =>
            $"---\n# Source: audioplatform/templates/{Path.GetFileName(template)}\n{GoTemplate.Render(File.ReadAllText(template), root)}\n"));
    }

    /// <summary>Every Kubernetes object the chart renders (empty documents dropped).</summary>
    public static List<Dictionary<string, object?>> Render(Dictionary<string, object?>? values = null) =>
        [.. Yaml.LoadAll(RenderText(values)).OfType<Dictionary<string, object?>>()];

    public static IEnumerable<Dictionary<string, object?>> OfKind(this IEnumerable<Dictionary<string, object?>> objects, string kind) =>
        objects.Where(item => (string?)item.GetValueOrDefault("kind") == kind);

    public static string Name(this Dictionary<string, object?> item) => (string)Yaml.Get(item, "metadata", "name")!;
}
