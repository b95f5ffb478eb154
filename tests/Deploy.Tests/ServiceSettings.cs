using System.Text.RegularExpressions;
using AudioPlatform.Deploy.Tests.Helm;

namespace AudioPlatform.Deploy.Tests;

/// <summary>The environment each service gets: from the AppHost, from the Compose file and from the rendered chart.</summary>
public static partial class ServiceSettings
{
    /// <summary>
    /// What Aspire adds by itself and the services do not read as settings: telemetry, the port, forwarded headers,
    /// and the upper-case connection properties (MESSAGING_HOST, IDENTITY_HTTP, ...) beside ConnectionStrings__*.
    /// </summary>
    public static bool IsAspireInternal(string key) =>
        key.StartsWith("OTEL_", StringComparison.Ordinal) || key is "ASPNETCORE_FORWARDEDHEADERS_ENABLED" or "HTTP_PORTS" || UpperCase().IsMatch(key);

    public static IEnumerable<string> ConnectionStrings(IEnumerable<string> keys) =>
        keys.Where(key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).Select(key => key["ConnectionStrings__".Length..]);

    /// <summary>The services a service reaches by service discovery (services__&lt;name&gt;__http__0).</summary>
    public static IEnumerable<string> References(IEnumerable<string> keys) =>
        keys.Select(key => Reference().Match(key)).Where(match => match.Success).Select(match => match.Groups[1].Value);

    public static Dictionary<string, object?> Compose(string service) =>
        Yaml.Map(Yaml.LoadMap(File.ReadAllText(Deployment.ComposeFile)), "services", service, "environment");

    /// <summary>The names a service's container gets in the rendered chart: its ConfigMap's keys and its env entries.</summary>
    public static HashSet<string> Chart(List<Dictionary<string, object?>> rendered, string service)
    {
        var configMap = rendered.OfKind("ConfigMap").Single(item => item.Name() == $"{service}-settings");
        var container = Yaml.Map(rendered.OfKind("Deployment").Single(item => item.Name() == service), "spec", "template", "spec", "containers", 0);
        return [.. Yaml.Map(configMap, "data").Keys, .. Yaml.List(container, "env").Select(entry => (string)Yaml.Get(entry, "name")!)];
    }

    [GeneratedRegex("^[A-Z0-9_]+$")]
    private static partial Regex UpperCase();

    [GeneratedRegex("^services__(\\w+)__http__0$")]
    private static partial Regex Reference();
}
