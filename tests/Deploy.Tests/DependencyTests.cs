using AudioPlatform.Deploy.Tests.Helm;

namespace AudioPlatform.Deploy.Tests;

/// <summary>deploy/kubernetes/dependencies: the servers in the shape issue 18 asks for.</summary>
public sealed class DependencyTests
{
    private static List<Dictionary<string, object?>> Load(string file) =>
        [.. Yaml.LoadAll(File.ReadAllText(Path.Combine(Deployment.RepositoryRoot, "deploy", "kubernetes", "dependencies", file))).OfType<Dictionary<string, object?>>()];

    [Fact]
    public void RabbitMQ_is_three_nodes_whose_queues_are_quorum_queues()
    {
        var cluster = Load("rabbitmq.yaml").OfKind("RabbitmqCluster").Single();

        Assert.Equal(3L, Yaml.Get(cluster, "spec", "replicas"));
        Assert.Contains("default_queue_type = quorum", (string)Yaml.Get(cluster, "spec", "rabbitmq", "additionalConfig")!);
        Assert.Equal("quorum", Yaml.Get(Load("rabbitmq.yaml").OfKind("Vhost").Single(), "spec", "defaultQueueType"));
    }

    [Fact]
    public void MongoDB_is_a_three_member_replica_set_with_authentication()
    {
        var replicaSet = Load("mongodb.yaml").OfKind("MongoDBCommunity").Single();

        Assert.Equal(3L, Yaml.Get(replicaSet, "spec", "members"));
        Assert.Equal("ReplicaSet", Yaml.Get(replicaSet, "spec", "type"));
        Assert.Equal(["SCRAM"], Yaml.List(replicaSet, "spec", "security", "authentication", "modes"));
    }

    [Fact]
    public void MinIO_is_distributed_over_several_servers()
    {
        var tenant = Load("minio.yaml").OfKind("Tenant").Single();

        Assert.True((long)Yaml.Get(tenant, "spec", "pools", 0, "servers")! >= 4);
    }
}
