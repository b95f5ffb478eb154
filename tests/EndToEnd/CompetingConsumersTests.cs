using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using static AudioPlatform.EndToEnd.Tests.AudioApi;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>A platform with two Analysis replicas, each analysing one track at a time.</summary>
public sealed class TwoAnalysisReplicasFixture : PlatformFixture
{
    protected override IEnumerable<string> ExtraArguments => ["--Analysis:Replicas=2"];

    protected override void Configure(IDistributedApplicationTestingBuilder builder) =>
        builder.CreateResourceBuilder<ProjectResource>("analysis").WithEnvironment("Analysis__MaxConcurrency", "1");
}

[CollectionDefinition(Name)]
public sealed class ReplicasCollection : ICollectionFixture<TwoAnalysisReplicasFixture>
{
    public const string Name = "replicas";
}

/// <summary>"Competing consumers: run two replicas and the work splits."</summary>
[Collection(ReplicasCollection.Name)]
public sealed class CompetingConsumersTests(TwoAnalysisReplicasFixture platform)
{
    [Fact]
    public async Task Two_analysis_replicas_share_one_batch_and_every_track_is_analysed_once()
    {
        var user = await platform.UserAsync("replicas");
        using var client = user.CreateClient(platform.GatewayAddress);
        var mp3 = await TestAudio.EncodeAsync(TestAudio.ClickTrackWav(bpm: 120, seconds: 30), "mp3");
        var ids = await UploadAsync(client, Enumerable.Range(0, 6).Select(i => ($"replica-{i}.mp3", mp3)).ToArray());

        foreach (var id in ids)
        {
            var track = await WaitForStatusAsync(client, id, TimeSpan.FromMinutes(5), "analyzed", "failed");
            Assert.True(track.GetProperty("status").GetString() == "analyzed", $"track {id}: {track}");
        }

        // Each replica logs one line per track it analysed; together they name each track exactly once.
        var replicas = await ReplicaIdsAsync("analysis", expected: 2);
        var loggers = platform.App.Services.GetRequiredService<ResourceLoggerService>();
        var analysedBy = new Dictionary<string, List<Guid>>();
        foreach (var replica in replicas)
        {
            var analysed = new List<Guid>();
            await foreach (var batch in loggers.GetAllAsync(replica))
            {
                analysed.AddRange(batch.Select(line => AnalysedTrack(line.Content)).Where(id => id is not null && ids.Contains(id.Value)).Select(id => id!.Value));
            }

            analysedBy[replica] = analysed;
        }

        var summary = string.Join("; ", analysedBy.Select(r => $"{r.Key}: {r.Value.Count}"));
        Assert.All(analysedBy.Values, analysed => Assert.True(analysed.Count > 0, $"a replica analysed nothing ({summary})"));
        Assert.Equal(ids.Order(), analysedBy.Values.SelectMany(a => a).Order());
    }

    /// <summary>The instance ids Aspire gave a replicated resource (its logs are kept per instance).</summary>
    private async Task<string[]> ReplicaIdsAsync(string resource, int expected)
    {
        var ids = new HashSet<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await foreach (var e in platform.App.ResourceNotifications.WatchAsync(timeout.Token))
            {
                if (e.Resource.Name == resource && ids.Add(e.ResourceId) && ids.Count == expected)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Equal(expected, ids.Count);
        return [.. ids];
    }

    private static Guid? AnalysedTrack(string logLine)
    {
        const string marker = "Analysed track ";
        var at = logLine.IndexOf(marker, StringComparison.Ordinal);
        return at >= 0 && Guid.TryParse(logLine.AsSpan(at + marker.Length, 36), out var id) ? id : null;
    }
}
