using AudioPlatform.Deploy.Tests.Helm;

namespace AudioPlatform.Deploy.Tests;

/// <summary>
/// The chart's values (the deployment's source of truth) say what the AppHost says: the same services, connection
/// strings, references, public endpoint and settings; and the Compose file and the rendered chart give each service
/// exactly that.
/// </summary>
public sealed class AppHostAgreementTests(AspireManifest manifest) : IClassFixture<AspireManifest>
{
    private readonly List<Dictionary<string, object?>> _rendered = Chart.Render();

    [Fact]
    public void The_values_declare_the_services_the_AppHost_declares()
    {
        Assert.Equal(manifest.ProjectNames.Order(StringComparer.Ordinal), Deployment.ServiceNames);
    }

    [Fact]
    public void Each_service_gets_the_connection_strings_the_AppHost_gives_it()
    {
        var declared = manifest.ConnectionStringResources.ToHashSet();
        foreach (var service in Deployment.ServiceNames)
        {
            var fromAppHost = ServiceSettings.ConnectionStrings(manifest.Environment(service).Keys).Order(StringComparer.Ordinal);
            // A store the AppHost does not declare yet (Redis before the scale-out work lands) may be ahead in the values.
            var fromValues = Deployment.Strings(service, "connectionStrings").Where(declared.Contains).Order(StringComparer.Ordinal);
            Assert.True(fromAppHost.SequenceEqual(fromValues),
                $"{service}: the AppHost gives [{string.Join(", ", fromAppHost)}], values.yaml [{string.Join(", ", fromValues)}]");
        }
    }

    [Fact]
    public void Every_connection_string_is_read_from_the_secret_under_a_declared_key()
    {
        var keys = Yaml.Map(Deployment.Values, "secrets", "connectionStringKeys");
        foreach (var service in Deployment.ServiceNames)
        {
            Assert.All(Deployment.Strings(service, "connectionStrings"), name => Assert.True(keys.ContainsKey(name), $"{service}: no secret key for {name}"));
        }
    }

    [Fact]
    public void Each_service_references_the_services_the_AppHost_wires_to_it()
    {
        foreach (var service in Deployment.ServiceNames)
        {
            var fromAppHost = ServiceSettings.References(manifest.Environment(service).Keys).Order(StringComparer.Ordinal);
            Assert.Equal(fromAppHost, Deployment.Strings(service, "references").Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Only_the_service_the_AppHost_exposes_is_public()
    {
        foreach (var service in Deployment.ServiceNames)
        {
            Assert.True(manifest.IsExternal(service) == Yaml.Get(Deployment.Services[service], "public") is true,
                $"{service}: external in the AppHost {manifest.IsExternal(service)}, public in values.yaml {Yaml.Get(Deployment.Services[service], "public")}");
        }
    }

    [Fact]
    public void Every_setting_the_AppHost_hands_a_service_is_set_by_the_chart_and_by_compose()
    {
        foreach (var service in Deployment.ServiceNames)
        {
            var settings = manifest.Environment(service).Keys
                .Where(key => !ServiceSettings.IsAspireInternal(key))
                .Where(key => !key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && !key.StartsWith("services__", StringComparison.Ordinal))
                .ToList();
            Assert.NotEmpty(settings);

            var chart = ServiceSettings.Chart(_rendered, service);
            var compose = ServiceSettings.Compose(service);
            Assert.All(settings, key => Assert.True(chart.Contains(key), $"{service}: the chart does not set {key}"));
            Assert.All(settings, key => Assert.True(compose.ContainsKey(key), $"{service}: docker-compose.yml does not set {key}"));
        }
    }

    [Fact]
    public void Compose_and_the_chart_give_each_service_its_connection_strings_and_references_and_no_others()
    {
        foreach (var service in Deployment.ServiceNames)
        {
            var expectedConnections = Deployment.Strings(service, "connectionStrings").Order(StringComparer.Ordinal).ToList();
            var expectedReferences = Deployment.Strings(service, "references").Order(StringComparer.Ordinal).ToList();
            foreach (var (source, keys) in new[] { ("chart", ServiceSettings.Chart(_rendered, service).ToList()), ("compose", ServiceSettings.Compose(service).Keys.ToList()) })
            {
                Assert.True(expectedConnections.SequenceEqual(ServiceSettings.ConnectionStrings(keys).Order(StringComparer.Ordinal)), $"{source}, {service}: connection strings");
                Assert.True(expectedReferences.SequenceEqual(ServiceSettings.References(keys).Order(StringComparer.Ordinal)), $"{source}, {service}: references");
            }
        }
    }
}
