using System.Text.RegularExpressions;
using AudioPlatform.Deploy.Tests.Helm;

namespace AudioPlatform.Deploy.Tests;

/// <summary>deploy/compose: the servers, the six services, one published port, health checks, no secret in the files.</summary>
public sealed partial class ComposeTests
{
    private readonly Dictionary<string, object?> _compose = Yaml.LoadMap(File.ReadAllText(Deployment.ComposeFile));

    private Dictionary<string, object?> Service(string name) => Yaml.Map(_compose, "services", name);

    [Fact]
    public void Compose_runs_the_six_services_and_the_five_servers()
    {
        Assert.Equal(
            [.. Deployment.ServiceNames, "minio", "mongodb", "postgres", "rabbitmq", "redis"],
            Yaml.Map(_compose, "services").Keys.Order(StringComparer.Ordinal).OrderBy(name => Deployment.Services.ContainsKey(name) ? 0 : 1));
    }

    [Fact]
    public void Only_the_gateway_publishes_a_port()
    {
        var publishing = Yaml.Map(_compose, "services").Where(service => Yaml.Get(service.Value, "ports") is not null).Select(service => service.Key);

        Assert.Equal(["gateway"], publishing);
    }

    [Fact]
    public void Every_service_is_checked_on_health_and_runs_a_configured_number_of_replicas()
    {
        foreach (var service in Deployment.ServiceNames)
        {
            var test = string.Join(' ', Yaml.List(Service(service), "healthcheck", "test"));
            Assert.Contains("http://localhost:8080/health", test);
            Assert.Matches(@"^\$\{[A-Z]+_REPLICAS:-\d+\}$", (string)Yaml.Get(Service(service), "deploy", "replicas")!);
        }
    }

    [Fact]
    public void Services_start_once_the_servers_they_need_are_healthy_and_the_gateway_once_every_service_is()
    {
        var servers = new[] { "rabbitmq", "mongodb", "minio", "postgres", "redis" };
        foreach (var service in Deployment.ServiceNames)
        {
            foreach (var (dependency, condition) in Yaml.Map(Service(service), "depends_on"))
            {
                if (servers.Contains(dependency) || service == "gateway")
                {
                    Assert.Equal("service_healthy", Yaml.Get(condition, "condition"));
                }
            }
        }

        Assert.Equal(Deployment.ServiceNames.Where(name => name != "gateway"), Yaml.Map(Service("gateway"), "depends_on").Keys.Order(StringComparer.Ordinal));
        Assert.Contains("mongodb", Yaml.Map(Service("library"), "depends_on").Keys);
    }

    [Fact]
    public void The_broker_makes_quorum_queues_and_the_database_is_a_replica_set()
    {
        var rabbitConf = File.ReadAllText(Path.Combine(Deployment.ComposeDirectory, "rabbitmq", "rabbitmq.conf"));
        Assert.Matches(@"(?m)^default_queue_type = quorum$", rabbitConf);
        Assert.Contains("--replSet rs0", string.Join(' ', Yaml.List(Service("mongodb"), "entrypoint")));
        Assert.Contains("replicaSet=rs0", (string)ServiceSettings.Compose("library")["ConnectionStrings__librarydb"]!);
    }

    [Fact]
    public void Every_credential_comes_from_the_environment_file()
    {
        foreach (var (name, service) in Yaml.Map(_compose, "services"))
        {
            foreach (var (key, value) in Yaml.Map(service, "environment"))
            {
                var text = value?.ToString() ?? "";
                Assert.DoesNotMatch(LiteralCredential(), text);
                if (Regex.IsMatch(key, "PASS|Secret|SECRET|ConnectionStrings__(?!redis)") && !key.EndsWith("_USER", StringComparison.Ordinal))
                {
                    Assert.True(text.Contains("${", StringComparison.Ordinal), $"{name}: {key} is not taken from .env");
                }
            }
        }
    }

    [Fact]
    public void The_example_environment_holds_placeholders_and_the_real_one_is_never_committed()
    {
        var example = File.ReadAllLines(Path.Combine(Deployment.ComposeDirectory, ".env.example"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToDictionary(line => line[..line.IndexOf('=')], line => line[(line.IndexOf('=') + 1)..]);
        Assert.All(example.Where(entry => Regex.IsMatch(entry.Key, "PASSWORD|SECRET")), entry => Assert.StartsWith("change-me", entry.Value));

        var ignored = Tools.Run("git", ["check-ignore", "-q", "deploy/compose/.env"]);
        Assert.True(ignored.ExitCode == 0, "deploy/compose/.env is not git-ignored");
    }

    /// <summary>A password or key written out: Password=xyz, SecretKey=xyz, user:xyz@host (not ${VAR}).</summary>
    [GeneratedRegex(@"((Password|SecretKey|password)=(?!\$\{)[^;\s,]+)|://[^/\s:@]+:(?!\$\{)[^/\s@]+@")]
    private static partial Regex LiteralCredential();
}
