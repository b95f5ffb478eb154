using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static AudioPlatform.EndToEnd.Tests.AudioApi;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>Duplicates by audio fingerprint through the whole platform: fpcalc in Analysis, the grouping in the Library.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DuplicatesTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_same_recording_as_wav_and_mp3_is_one_group_the_second_upload_is_flagged_and_other_audio_is_not_grouped()
    {
        var user = await platform.UserAsync("duplicates");
        using var client = user.CreateClient(platform.GatewayAddress);
        var recording = TestAudio.RecordingOgg();
        var wav = await TestAudio.EncodeAsync(recording, "wav");
        var mp3 = await TestAudio.EncodeAsync(wav, "mp3");
        // Other audio of the same length, so the durations let the two be compared and only the fingerprints tell them apart.
        var other = TestAudio.ClickTrackWav(bpm: 120, seconds: 10);

        var first = await UploadAsync(client, "freedom.wav", wav);
        Assert.Equal("analyzed", (await WaitForStatusAsync(client, first, "analyzed", "failed")).GetProperty("status").GetString());
        var ids = await UploadAsync(client, ("freedom (copy).mp3", mp3), ("clicks.wav", other));
        var (second, clicks) = (ids[0], ids[1]);
        var copy = await WaitForStatusAsync(client, second, "analyzed", "failed");
        var unrelated = await WaitForStatusAsync(client, clicks, "analyzed", "failed");
        var original = await LinkedAsync(client, first);

        Assert.Equal("analyzed", copy.GetProperty("status").GetString());
        var same = Assert.Single(copy.GetProperty("sameRecordingAs").EnumerateArray());
        Assert.Equal((first, "freedom.wav"), (same.GetProperty("id").GetGuid(), same.GetProperty("fileName").GetString()));
        Assert.InRange(same.GetProperty("similarity").GetDouble(), 0.8, 1);
        Assert.True(copy.GetProperty("alreadyInLibrary").GetBoolean());
        Assert.Equal(second, Assert.Single(original.GetProperty("sameRecordingAs").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.False(original.GetProperty("alreadyInLibrary").GetBoolean());
        Assert.Empty(unrelated.GetProperty("sameRecordingAs").EnumerateArray());
        Assert.False(unrelated.GetProperty("alreadyInLibrary").GetBoolean());

        var rows = (await ListAsync(client, "?sort=createdAt")).GetProperty("items").EnumerateArray().ToDictionary(row => row.GetProperty("id").GetGuid());
        Assert.True(rows[second].GetProperty("alreadyInLibrary").GetBoolean());
        Assert.Equal(1, rows[first].GetProperty("sameRecordingCount").GetInt32());

        var groups = (await client.GetFromJsonAsync<JsonElement>("/api/v1/library/duplicates")).GetProperty("groups");
        var group = Assert.Single(groups.EnumerateArray()).GetProperty("tracks").EnumerateArray().ToList();
        Assert.Equal([first, second], group.Select(track => track.GetProperty("id").GetGuid()));
        Assert.Equal(["wav", "mp3"], group.Select(track => track.GetProperty("format").GetString()));
        Assert.Equal(44100, group[0].GetProperty("sampleRate").GetInt32());
        Assert.InRange(group[1].GetProperty("bitRate").GetInt64(), 100_000, 160_000);

        // Another user never sees the group, and a deleted copy leaves it.
        var stranger = await platform.UserAsync("duplicates-stranger");
        using var strangerClient = stranger.CreateClient(platform.GatewayAddress);
        Assert.Empty((await strangerClient.GetFromJsonAsync<JsonElement>("/api/v1/library/duplicates")).GetProperty("groups").EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/audio/{first}")).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/library/duplicates")).GetProperty("groups").EnumerateArray());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{second}")).GetProperty("sameRecordingAs").EnumerateArray());
    }

    /// <summary>
    /// The first upload once the copy's link back to it is written: the copy's own links come in the write that marks it
    /// analysed, the one back just after.
    /// </summary>
    private static async Task<JsonElement> LinkedAsync(HttpClient client, Guid trackId)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var track = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{trackId}");
            if (track.GetProperty("sameRecordingAs").GetArrayLength() > 0 || DateTime.UtcNow > until)
            {
                return track;
            }

            await Task.Delay(250);
        }
    }
}
