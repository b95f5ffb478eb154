using System.Net;
using System.Text.Json;
using static AudioPlatform.EndToEnd.Tests.AudioApi;

namespace AudioPlatform.EndToEnd.Tests;

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "faults";
}

/// <summary>
/// "Every accepted upload ends analysed or failed with a reason": a platform of its own whose Analysis service is
/// killed mid-batch and whose broker is restarted under load.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class FaultToleranceTests(PlatformFixture platform)
{
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromMinutes(5);

    private static async Task<(string Name, byte[] Content)[]> BatchAsync(string prefix, int count, double seconds)
    {
        var mp3 = await TestAudio.EncodeAsync(TestAudio.ClickTrackWav(bpm: 128, seconds: seconds), "mp3");
        return Enumerable.Range(0, count).Select(i => ($"{prefix}-{i:00}.mp3", mp3)).ToArray();
    }

    private static async Task AssertAllAnalysedAsync(HttpClient client, IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            var track = await WaitForStatusAsync(client, id, RecoveryDeadline, "analyzed", "failed");
            Assert.True(track.GetProperty("status").GetString() == "analyzed", $"track {id}: {track}");
        }
    }

    [Fact]
    public async Task Killing_the_analysis_service_mid_batch_loses_none_of_20_uploads()
    {
        var user = await platform.UserAsync("crash");
        using var client = user.CreateClient(platform.GatewayAddress);
        var batch = await BatchAsync("crash", 20, seconds: 45);
        var ids = new List<Guid>();
        ids.AddRange(await UploadAsync(client, batch[..10]));
        ids.AddRange(await UploadAsync(client, batch[10..]));

        // Kill as soon as the analysis is under way.
        string[] statuses = [];
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < until && !statuses.Any(s => s is "analyzing" or "analyzed"))
        {
            var page = await ListAsync(client, "?pageSize=100");
            statuses = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("status").GetString()!).ToArray();
            await Task.Delay(50);
        }

        await platform.KillAsync("analysis");
        var analysedBeforeTheKill = (await ListAsync(client, "?status=analyzed")).GetProperty("totalCount").GetInt64();
        Assert.True(analysedBeforeTheKill < 20, "the batch finished before the kill, so the test proved nothing");

        await platform.StartAsync("analysis");

        await AssertAllAnalysedAsync(client, ids);
    }

    [Fact]
    public async Task Restarting_the_broker_during_a_batch_loses_nothing_accepted_and_refuses_clearly_while_it_is_down()
    {
        var user = await platform.UserAsync("broker");
        using var client = user.CreateClient(platform.GatewayAddress);
        var ids = new List<Guid>();
        ids.AddRange(await UploadAsync(client, await BatchAsync("before", 10, seconds: 30)));

        await platform.StopAsync("messaging");
        using (var during = await client.PostAsync("/api/v1/audio/upload", Files(await BatchAsync("during", 1, seconds: 5))))
        {
            var body = await during.Content.ReadAsStringAsync();
            if (during.StatusCode == HttpStatusCode.Accepted)
            {
                ids.Add(JsonDocument.Parse(body).RootElement[0].GetProperty("id").GetGuid());
            }
            else
            {
                Assert.True(during.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)during.StatusCode}: {body}");
                Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(during.Headers.RetryAfter);
            }
        }

        await platform.StartAsync("messaging");
        ids.AddRange(await UploadAsync(client, await BatchAsync("after", 5, seconds: 10)));

        await AssertAllAnalysedAsync(client, ids);
    }

    [Fact]
    public async Task Two_users_uploading_at_once_never_see_each_others_tracks_or_events()
    {
        var alice = await platform.UserAsync("alice");
        var bob = await platform.UserAsync("bob");
        using var aliceClient = alice.CreateClient(platform.GatewayAddress);
        using var bobClient = bob.CreateClient(platform.GatewayAddress);
        using var bobSocket = await ConnectAsync(platform.GatewayAddress, bob);

        var uploads = await Task.WhenAll(
            UploadAsync(aliceClient, await BatchAsync("alice", 3, seconds: 8)),
            UploadAsync(bobClient, await BatchAsync("bob", 3, seconds: 8)));
        var (aliceIds, bobIds) = (uploads[0], uploads[1]);
        await AssertAllAnalysedAsync(aliceClient, aliceIds);
        await AssertAllAnalysedAsync(bobClient, bobIds);

        var bobEvents = await ReceiveUntilAsync(bobSocket, received =>
            bobIds.All(id => received.Any(m => m.TryGetProperty("trackId", out var t) && t.GetString() == id.ToString()
                && m.GetProperty("type").GetString() == "analysisCompleted")));
        var aliceIdTexts = aliceIds.Select(id => id.ToString()).ToHashSet();
        Assert.DoesNotContain(bobEvents, m => m.TryGetProperty("trackId", out var t) && aliceIdTexts.Contains(t.GetString()!));

        var bobLibrary = (await ListAsync(bobClient, "?pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("id").GetGuid()).ToHashSet();
        Assert.True(bobLibrary.SetEquals(bobIds), "Bob's library holds exactly his own uploads");
        foreach (var id in aliceIds)
        {
            using var peek = await bobClient.GetAsync($"/api/v1/audio/{id}");
            Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
        }
    }
}
