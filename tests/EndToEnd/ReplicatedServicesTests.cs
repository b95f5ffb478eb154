using System.Net.WebSockets;
using System.Text.Json;
using static AudioPlatform.EndToEnd.Tests.AudioApi;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>A platform with two Gateway and two Notify replicas, sharing sessions, limits and resume buffers in Redis.</summary>
public sealed class ReplicatedServicesFixture : PlatformFixture
{
    protected override IEnumerable<string> ExtraArguments => ["--Gateway:Replicas=2", "--Notify:Replicas=2"];
}

[CollectionDefinition(Name)]
public sealed class ReplicatedServicesCollection : ICollectionFixture<ReplicatedServicesFixture>
{
    public const string Name = "replicated services";
}

[Collection(ReplicatedServicesCollection.Name)]
public sealed class ReplicatedServicesTests(ReplicatedServicesFixture platform)
{
    [Fact]
    public async Task A_client_that_reconnects_with_since_continues_the_numbering_with_no_gap_and_no_duplicate()
    {
        var user = await platform.UserAsync("replicated");
        using var client = user.CreateClient(platform.GatewayAddress);
        var wav = TestAudio.ClickTrackWav(bpm: 120, seconds: 8);

        List<JsonElement> before;
        using (var socket = await ConnectAsync(user, since: null))
        {
            var first = await UploadAsync(client, "first.wav", wav);
            before = await ReceiveUntilAsync(socket, received => IsCompletionOf(received[^1], first));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }

        // Meanwhile, with no socket open: the events are kept in Redis by whichever replica numbered them.
        var second = await UploadAsync(client, "second.wav", wav);
        await WaitForStatusAsync(client, second, "analyzed", "failed");
        var lastSeen = Seqs(before)[^1];

        // A new connection: the Gateway's and Notify's load balancers may send it to either replica.
        using var resumed = await ConnectAsync(user, since: lastSeen);
        var after = await ReceiveUntilAsync(resumed, received => IsCompletionOf(received[^1], second));

        Assert.Equal(Enumerable.Range(1, before.Count).Select(seq => (long)seq), Seqs(before));
        Assert.DoesNotContain(after, message => message.GetProperty("type").GetString() == "resyncRequired");
        Assert.Equal(Enumerable.Range((int)lastSeen + 1, after.Count).Select(seq => (long)seq), Seqs(after));
        Assert.Contains(after, message => message.GetProperty("type").GetString() == "trackUploaded");
    }

    private static bool IsCompletionOf(JsonElement message, Guid trackId) =>
        message.GetProperty("type").GetString() is "analysisCompleted" or "analysisFailed"
        && message.GetProperty("trackId").GetGuid() == trackId;

    private static List<long> Seqs(List<JsonElement> messages) => messages.Select(message => message.GetProperty("seq").GetInt64()).ToList();

    private async Task<ClientWebSocket> ConnectAsync(PlatformUser user, long? since)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {user.AccessToken}");
        var address = new UriBuilder(platform.GatewayAddress) { Scheme = "ws", Path = "/api/v1/ws", Query = since is null ? "" : $"since={since}" };
        await socket.ConnectAsync(address.Uri, CancellationToken.None);
        return socket;
    }
}
