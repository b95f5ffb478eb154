using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using AudioPlatform.AppHost.LocalRabbitMq;
using AudioPlatform.AppHost.LocalRedis;

namespace AudioPlatform.AppHost.Tests;

/// <summary>Builds the real AppHost's model (without starting it) and checks what each mode declares.</summary>
public sealed class AppModelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("apphost-model-").FullName;

    private async Task<IDistributedApplicationTestingBuilder> BuildModelAsync(params string[] args) =>
        await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [.. args, $"--Infra:DataDirectory={_directory}"]);

    private string FakeDockerThatWorks()
    {
        var path = Path.Combine(_directory, "docker");
        File.WriteAllText(path, "#!/bin/sh\necho 28.2.2\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public async Task Local_mode_declares_no_container_and_nothing_waits_for_one()
    {
        await using var builder = await BuildModelAsync("--Infra:Mode=local");

        Assert.DoesNotContain(builder.Resources, r => r is ContainerResource);
        Assert.Single(builder.Resources.OfType<LocalRabbitMqResource>());
        Assert.Single(builder.Resources.OfType<LocalRedisResource>());
        var waitedFor = builder.Resources
            .SelectMany(r => r.Annotations.OfType<WaitAnnotation>())
            .Select(w => w.Resource)
            .ToList();
        Assert.NotEmpty(waitedFor);
        Assert.DoesNotContain(waitedFor, r => r is ContainerResource);
    }

    [Fact]
    public async Task Containers_mode_declares_rabbitmq_mongodb_minio_and_postgres_containers()
    {
        await using var builder = await BuildModelAsync("--Infra:Mode=containers", $"--Infra:DockerCommand={FakeDockerThatWorks()}");

        var containers = builder.Resources.OfType<ContainerResource>().Select(r => r.Name).ToList();
        Assert.Contains("messaging", containers);
        Assert.Contains("librarydb", containers);
        Assert.Contains("objects", containers);
        Assert.Contains("postgres", containers);
        Assert.Contains("redis", containers);
        Assert.Empty(builder.Resources.OfType<LocalRabbitMqResource>());
        Assert.Empty(builder.Resources.OfType<LocalRedisResource>());
    }

    [Fact]
    public async Task Every_service_references_and_waits_for_the_broker()
    {
        await using var builder = await BuildModelAsync("--Infra:Mode=local");

        var services = builder.Resources.OfType<ProjectResource>().Where(p => p.Name != "gateway").ToList();
        Assert.Equal(5, services.Count);
        foreach (var service in services)
        {
            Assert.Contains(service.Annotations.OfType<ResourceRelationshipAnnotation>(),
                r => r.Resource.Name == "messaging" && r.Type == "Reference");
            Assert.Contains(service.Annotations.OfType<WaitAnnotation>(), w => w.Resource.Name == "messaging");
        }
    }

    [Fact]
    public async Task Analysis_runs_as_many_replicas_as_configured_and_one_by_default()
    {
        await using (var single = await BuildModelAsync("--Infra:Mode=local"))
        {
            Assert.Equal(1, ReplicasOf(single, "analysis"));
        }

        await using var scaled = await BuildModelAsync("--Infra:Mode=local", "--Analysis:Replicas=3");
        Assert.Equal(3, ReplicasOf(scaled, "analysis"));
        Assert.Equal(1, ReplicasOf(scaled, "library"));
    }

    [Fact]
    public async Task Every_service_runs_as_many_replicas_as_its_setting_says_but_local_mode_runs_one_library()
    {
        string[] services = ["Gateway", "Identity", "Ingest", "Analysis", "Library", "Notify"];

        await using var scaled = await BuildModelAsync(
            ["--Infra:Mode=local", .. services.Select((service, index) => $"--{service}:Replicas={index + 2}")]);

        // LiteDB, local mode's library database, is a file one process opens: Library replicas need MongoDB.
        Assert.Equal(services.Select((service, index) => service == "Library" ? 1 : index + 2),
            services.Select(service => ReplicasOf(scaled, service.ToLowerInvariant())));
    }

    [Fact]
    public async Task The_services_that_keep_shared_state_reference_and_wait_for_redis_and_the_others_do_not()
    {
        await using var builder = await BuildModelAsync("--Infra:Mode=local");

        foreach (var service in builder.Resources.OfType<ProjectResource>())
        {
            var references = service.Annotations.OfType<ResourceRelationshipAnnotation>().Any(r => r.Resource.Name == "redis" && r.Type == "Reference");
            var waits = service.Annotations.OfType<WaitAnnotation>().Any(w => w.Resource.Name == "redis");
            var sharesState = service.Name is "gateway" or "identity" or "notify";
            Assert.True(references == sharesState && waits == sharesState, $"{service.Name}: references redis {references}, waits {waits}");
        }
    }

    [Theory]
    [InlineData("Analysis", "0")]
    [InlineData("Analysis", "33")]
    [InlineData("Gateway", "0")]
    [InlineData("Notify", "33")]
    public async Task An_impossible_replica_count_is_refused_with_the_setting_named(string service, string replicas)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => BuildModelAsync("--Infra:Mode=local", $"--{service}:Replicas={replicas}"));
        Assert.Contains($"{service}:Replicas", error.ToString(), StringComparison.Ordinal);
    }

    private static int ReplicasOf(IDistributedApplicationTestingBuilder builder, string name) =>
        builder.Resources.Single(r => r.Name == name).Annotations.OfType<ReplicaAnnotation>().SingleOrDefault()?.Replicas ?? 1;

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
