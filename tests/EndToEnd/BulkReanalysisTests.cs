using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static AudioPlatform.EndToEnd.Tests.AudioApi;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>A bulk re-analysis through the Gateway: the whole library analysed again, with its progress on the WebSocket.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BulkReanalysisTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_whole_library_is_analysed_again_in_the_background_with_progress_on_the_websocket()
    {
        var user = await platform.UserAsync("bulk-reanalysis");
        using var client = user.CreateClient(platform.GatewayAddress);
        var ids = await UploadAsync(client, ("bulk-a.wav", TestAudio.ClickTrackWav(bpm: 100, seconds: 6)), ("bulk-b.wav", TestAudio.ClickTrackWav(bpm: 140, seconds: 6)));
        var analysedAt = new Dictionary<Guid, string>();
        foreach (var id in ids)
        {
            var track = await WaitForStatusAsync(client, id, "analyzed", "failed");
            Assert.True(track.GetProperty("status").GetString() == "analyzed", track.ToString());
            analysedAt[id] = track.GetProperty("analyzedAt").GetString()!;
        }

        using var socket = await ConnectAsync(platform.GatewayAddress, user);
        using var started = await client.PostAsync("/api/v1/library/reanalysis", null);
        var body = await started.Content.ReadAsStringAsync();
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"{(int)started.StatusCode}: {body}");
        var batchId = JsonDocument.Parse(body).RootElement.GetProperty("batchId").GetGuid();
        Assert.Equal(2, JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt32());

        var received = await ReceiveUntilAsync(socket, messages => messages[^1] is var last
            && last.GetProperty("type").GetString() == "reanalysisProgress" && last.GetProperty("data").GetProperty("done").GetInt32() == 2);
        var progress = received.Where(m => m.GetProperty("type").GetString() == "reanalysisProgress").Select(m => m.GetProperty("data")).ToList();
        Assert.All(progress, data => Assert.Equal((batchId, 2), (data.GetProperty("batchId").GetGuid(), data.GetProperty("total").GetInt32())));
        Assert.Equal([1, 2], progress.Select(data => data.GetProperty("done").GetInt32()));

        var finished = await client.GetFromJsonAsync<JsonElement>("/api/v1/library/reanalysis");
        Assert.Equal((2, 0, true), (finished.GetProperty("done").GetInt32(), finished.GetProperty("failed").GetInt32(), finished.GetProperty("finished").GetBoolean()));
        foreach (var id in ids)
        {
            var track = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{id}");
            Assert.Equal("analyzed", track.GetProperty("status").GetString());
            Assert.NotEqual(analysedAt[id], track.GetProperty("analyzedAt").GetString());
        }
    }
}
