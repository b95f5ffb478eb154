using System.Text.RegularExpressions;
using AudioPlatform.Deploy.Tests.Helm;

namespace AudioPlatform.Deploy.Tests;

/// <summary>deploy/helm/audioplatform rendered with its default values: what Kubernetes would be given.</summary>
public sealed partial class ChartTests
{
    private readonly List<Dictionary<string, object?>> _rendered = Chart.Render();

    private Dictionary<string, object?> Container(string service) =>
        Yaml.Map(_rendered.OfKind("Deployment").Single(item => item.Name() == service), "spec", "template", "spec", "containers", 0);

    [Fact]
    public void Every_service_has_a_deployment_with_the_replicas_of_its_values()
    {
        Assert.Equal(Deployment.ServiceNames, _rendered.OfKind("Deployment").Select(Chart.Name).Order(StringComparer.Ordinal));
        foreach (var service in Deployment.ServiceNames)
        {
            var deployment = _rendered.OfKind("Deployment").Single(item => item.Name() == service);
            Assert.Equal(Yaml.Get(Deployment.Services[service], "replicas"), Yaml.Get(deployment, "spec", "replicas"));
            Assert.IsType<long>(Yaml.Get(deployment, "spec", "replicas"));
        }
    }

    [Fact]
    public void Replica_counts_follow_the_values()
    {
        var values = Yaml.LoadMap(File.ReadAllText(Path.Combine(Deployment.ChartDirectory, "values.yaml")));
        ((Dictionary<string, object?>)Yaml.Get(values, "services", "analysis")!)["replicas"] = 7L;

        var analysis = Chart.Render(values).OfKind("Deployment").Single(item => item.Name() == "analysis");

        Assert.Equal(7L, Yaml.Get(analysis, "spec", "replicas"));
    }

    [Fact]
    public void Every_service_is_ready_on_health_and_alive_on_alive()
    {
        foreach (var service in Deployment.ServiceNames)
        {
            var container = Container(service);
            Assert.Equal("/health", Yaml.Get(container, "readinessProbe", "httpGet", "path"));
            Assert.Equal("/alive", Yaml.Get(container, "livenessProbe", "httpGet", "path"));
            Assert.Equal("http", Yaml.Get(container, "readinessProbe", "httpGet", "port"));
            Assert.Equal("http", Yaml.Get(container, "livenessProbe", "httpGet", "port"));
            Assert.Equal(Deployment.Values["containerPort"], Yaml.Get(container, "ports", 0, "containerPort"));
        }
    }

    [Fact]
    public void Every_service_requests_cpu_and_memory_and_limits_memory()
    {
        foreach (var service in Deployment.ServiceNames)
        {
            var resources = Yaml.Map(Container(service), "resources");
            Assert.NotNull(Yaml.Get(resources, "requests", "cpu"));
            Assert.NotNull(Yaml.Get(resources, "requests", "memory"));
            Assert.NotNull(Yaml.Get(resources, "limits", "memory"));
        }
    }

    [Fact]
    public void Analysis_takes_no_more_tracks_at_once_than_the_cores_it_requests()
    {
        var analysis = Deployment.Services["analysis"];
        var cores = double.Parse(Yaml.Get(analysis, "resources", "requests", "cpu")!.ToString()!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(cores, double.Parse((string)Yaml.Get(analysis, "settings", "Analysis__MaxConcurrency")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Secrets_reach_the_containers_only_by_reference_to_existing_secrets()
    {
        var secretNames = new[]
        {
            (string)Yaml.Get(Deployment.Values, "secrets", "existingSecret")!,
            (string)Yaml.Get(Deployment.Values, "secrets", "identityCertificates", "existingSecret")!,
            (string)Yaml.Get(Deployment.Values, "secrets", "identityTls", "existingSecret")!,
        };
        Assert.Empty(_rendered.OfKind("Secret"));

        foreach (var service in Deployment.ServiceNames)
        {
            foreach (var entry in Yaml.List(Container(service), "env"))
            {
                var name = (string)Yaml.Get(entry, "name")!;
                if (SecretLike().IsMatch(name) && !name.EndsWith("__Path", StringComparison.Ordinal))
                {
                    Assert.True(Yaml.Get(entry, "value") is null, $"{service}: {name} has a value in the chart");
                    Assert.Contains((string)Yaml.Get(entry, "valueFrom", "secretKeyRef", "name")!, secretNames);
                    Assert.NotNull(Yaml.Get(entry, "valueFrom", "secretKeyRef", "key"));
                }
            }

            var volumes = Yaml.List(_rendered.OfKind("Deployment").Single(item => item.Name() == service), "spec", "template", "spec", "volumes");
            Assert.All(volumes.Select(volume => Yaml.Get(volume, "secret", "secretName")).OfType<string>(), name => Assert.Contains(name, secretNames));
        }
    }

    [Fact]
    public void No_settings_map_holds_a_secret()
    {
        foreach (var configMap in _rendered.OfKind("ConfigMap"))
        {
            Assert.All(Yaml.Map(configMap, "data"), entry =>
            {
                Assert.False(SecretLike().IsMatch(entry.Key), $"{configMap.Name()}: {entry.Key}");
                Assert.False(CredentialInValue().IsMatch(entry.Value?.ToString() ?? ""), $"{configMap.Name()}: {entry.Key}");
            });
        }
    }

    [Fact]
    public void The_values_file_holds_no_credential()
    {
        var text = File.ReadAllText(Path.Combine(Deployment.ChartDirectory, "values.yaml"));

        Assert.DoesNotMatch(CredentialInValue(), text);
        Assert.DoesNotMatch(PrivateKey(), text);
    }

    [Fact]
    public void Only_the_gateway_is_reachable_from_outside_and_over_tls()
    {
        var ingress = Assert.Single(_rendered.OfKind("Ingress"));
        Assert.Equal("gateway", Yaml.Get(ingress, "spec", "rules", 0, "http", "paths", 0, "backend", "service", "name"));
        Assert.Equal(Yaml.Get(Deployment.Values, "ingress", "tlsSecretName"), Yaml.Get(ingress, "spec", "tls", 0, "secretName"));
        Assert.Equal(Yaml.Get(Deployment.Values, "ingress", "host"), Yaml.Get(ingress, "spec", "tls", 0, "hosts", 0));
        Assert.All(_rendered.OfKind("Service"), service => Assert.Equal("ClusterIP", Yaml.Get(service, "spec", "type")));
        Assert.Equal(Deployment.ServiceNames, _rendered.OfKind("Service").Select(Chart.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_gateway_trusts_forwarded_headers_from_the_configured_proxies_only()
    {
        var settings = Yaml.Map(_rendered.OfKind("ConfigMap").Single(item => item.Name() == "gateway-settings"), "data");
        var networks = Yaml.List(Deployment.Values, "trustedProxies", "knownNetworks");

        Assert.Equal(networks.Count, settings.Keys.Count(key => key.StartsWith("ForwardedHeaders__KnownNetworks__", StringComparison.Ordinal)));
        Assert.Equal(networks[0], settings["ForwardedHeaders__KnownNetworks__0"]);

        var policy = _rendered.OfKind("NetworkPolicy").Single(item => item.Name() == "gateway");
        Assert.Equal(Yaml.Get(Deployment.Values, "trustedProxies", "ingressNamespace"),
            Yaml.Get(policy, "spec", "ingress", 0, "from", 0, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
    }

    [Fact]
    public void Every_service_behind_the_gateway_admits_only_the_platforms_pods()
    {
        foreach (var service in Deployment.ServiceNames.Where(name => name != "gateway"))
        {
            var policy = _rendered.OfKind("NetworkPolicy").Single(item => item.Name() == service);
            Assert.Null(Yaml.Get(policy, "spec", "ingress", 0, "from", 0, "namespaceSelector"));
            Assert.Equal("audioplatform", Yaml.Get(policy, "spec", "ingress", 0, "from", 0, "podSelector", "matchLabels", "app.kubernetes.io/part-of"));
        }
    }

    [Fact]
    public void Every_service_with_more_than_one_replica_keeps_one_through_a_drain()
    {
        var replicated = Deployment.ServiceNames.Where(name => (long)Yaml.Get(Deployment.Services[name], "replicas")! > 1);

        Assert.Equal(replicated, _rendered.OfKind("PodDisruptionBudget").Select(Chart.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>Names of settings that carry a credential.</summary>
    [GeneratedRegex("ConnectionStrings__|Password|Secret|AccessKey", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLike();

    /// <summary>A credential written into a value: a password field of a connection string, or user:password@ in a URI.</summary>
    [GeneratedRegex(@"(Password|SecretKey|AccessKey)=[^;\s]+|://[^/\s:@]+:[^/\s@]+@", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialInValue();

    [GeneratedRegex("-----BEGIN")]
    private static partial Regex PrivateKey();
}
