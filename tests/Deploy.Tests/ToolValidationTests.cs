namespace AudioPlatform.Deploy.Tests;

/// <summary>
/// The files as the real tools read them: docker-compose parses and resolves the Compose file; kubectl reads every
/// object the chart renders. Without a cluster kubectl cannot check objects against the API server's schema
/// (<c>apply --dry-run=client</c> asks the server which kinds exist); it then decodes them locally
/// (<c>annotate --local</c>), which catches malformed YAML, unknown api versions' shapes and missing kinds or names.
/// </summary>
public sealed class ToolValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("deploy-tools-").FullName;

    [SkippableFact]
    public void Docker_compose_accepts_the_compose_file_with_the_example_environment()
    {
        var compose = Tools.Find("docker-compose");
        Skip.If(compose is null, "docker-compose is not installed (Debian package docker-compose; scripts/install-prerequisites.sh test installs it).");

        var result = Tools.Run(compose!, ["--env-file", ".env.example", "-f", "docker-compose.yml", "config", "--quiet"], Deployment.ComposeDirectory);

        Assert.True(result.ExitCode == 0, result.Everything);
    }

    [SkippableFact]
    public void Docker_compose_refuses_to_start_without_the_secrets()
    {
        var compose = Tools.Find("docker-compose");
        Skip.If(compose is null, "docker-compose is not installed (Debian package docker-compose; scripts/install-prerequisites.sh test installs it).");
        var withoutSecrets = Path.Combine(_directory, "no-secrets.env");
        File.WriteAllLines(withoutSecrets, File.ReadAllLines(Path.Combine(Deployment.ComposeDirectory, ".env.example"))
            .Where(line => !line.StartsWith("RABBITMQ_PASSWORD=", StringComparison.Ordinal)));

        var result = Tools.Run(compose!, ["--env-file", withoutSecrets, "-f", "docker-compose.yml", "config", "--quiet"], Deployment.ComposeDirectory,
            new Dictionary<string, string> { ["RABBITMQ_PASSWORD"] = "" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("RABBITMQ_PASSWORD", result.Error);
    }

    [SkippableFact]
    public void Kubectl_reads_every_object_the_chart_renders()
    {
        var kubectl = Tools.Find("kubectl");
        Skip.If(kubectl is null, "kubectl is not installed (Debian package kubernetes-client; scripts/install-prerequisites.sh test installs it).");
        // Kept with the test results, for a reader who wants to see what the chart makes.
        var rendered = Path.Combine(Deployment.RepositoryRoot, "TestResults", "audioplatform-chart.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(rendered)!);
        File.WriteAllText(rendered, Helm.Chart.RenderText());
        // No cluster: a kubeconfig pointing nowhere, so kubectl never talks to whatever listens on localhost:8080.
        var environment = new Dictionary<string, string> { ["KUBECONFIG"] = WriteKubeconfig() };

        var dryRun = Tools.Run(kubectl!, ["apply", "--dry-run=client", "--validate=false", "-f", rendered, "-o", "name"], environment: environment);
        var result = dryRun.ExitCode == 0 || !NeedsCluster(dryRun)
            ? dryRun
            : Tools.Run(kubectl!, ["annotate", "--local", "-f", rendered, "deploy-tests/checked=true", "-o", "name"], environment: environment);

        Assert.True(result.ExitCode == 0, result.Everything);
        var objects = Helm.Chart.Render();
        Assert.Equal(objects.Count, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("deployment.apps/analysis", result.Output);
        Assert.Contains("ingress.networking.k8s.io/gateway", result.Output);
    }

    [SkippableFact]
    public void Kubectl_reads_the_servers_manifests()
    {
        var kubectl = Tools.Find("kubectl");
        Skip.If(kubectl is null, "kubectl is not installed (Debian package kubernetes-client; scripts/install-prerequisites.sh test installs it).");

        var result = Tools.Run(kubectl!, ["annotate", "--local", "-f", Path.Combine(Deployment.RepositoryRoot, "deploy", "kubernetes", "dependencies"), "deploy-tests/checked=true", "-o", "name"],
            environment: new Dictionary<string, string> { ["KUBECONFIG"] = WriteKubeconfig() });

        Assert.True(result.ExitCode == 0, result.Everything);
        Assert.Contains("rabbitmqcluster.rabbitmq.com/rabbitmq", result.Output);
        Assert.Contains("mongodbcommunity.mongodbcommunity.mongodb.com/rs0", result.Output);
    }

    [SkippableFact]
    public void Kubectl_refuses_a_malformed_object()
    {
        var kubectl = Tools.Find("kubectl");
        Skip.If(kubectl is null, "kubectl is not installed (Debian package kubernetes-client; scripts/install-prerequisites.sh test installs it).");
        var broken = Path.Combine(_directory, "broken.yaml");
        File.WriteAllText(broken, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [gateway\n");

        var result = Tools.Run(kubectl!, ["annotate", "--local", "-f", broken, "deploy-tests/checked=true", "-o", "name"],
            environment: new Dictionary<string, string> { ["KUBECONFIG"] = WriteKubeconfig() });

        Assert.NotEqual(0, result.ExitCode);
    }

    private static bool NeedsCluster(Tools.Result result) =>
        result.Error.Contains("connection refused", StringComparison.Ordinal) || result.Error.Contains("unable to recognize", StringComparison.Ordinal)
        || result.Error.Contains("failed to download openapi", StringComparison.Ordinal) || result.Error.Contains("dial tcp", StringComparison.Ordinal);

    private string WriteKubeconfig()
    {
        var path = Path.Combine(_directory, "kubeconfig");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            clusters:
              - name: none
                cluster: {server: "https://127.0.0.1:9"}
            contexts:
              - name: none
                context: {cluster: none, user: none}
            current-context: none
            users:
              - name: none
                user: {token: none}
            """);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
