using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static AudioPlatform.EndToEnd.Tests.AudioApi;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>Every upload format and the damaged ones through the whole pipeline; then the library's queries.</summary>
[Collection(PlatformCollection.Name)]
public sealed class FormatsAndLibraryTests(PlatformFixture platform)
{
    private static string Type(JsonElement message) => message.GetProperty("type").GetString()!;

    private static string? TrackId(JsonElement message) =>
        message.TryGetProperty("trackId", out var id) ? id.GetString() : null;

    [Fact]
    public async Task One_file_of_each_format_is_analysed_and_a_truncated_one_fails_with_a_reason_all_announced_in_order()
    {
        var user = await platform.UserAsync("formats");
        using var client = user.CreateClient(platform.GatewayAddress);
        using var socket = await ConnectAsync(platform.GatewayAddress, user);
        var wav = TestAudio.ClickTrackWav(bpm: 120, seconds: 12);
        var files = new List<(string Name, byte[] Content)> { ("take.wav", wav) };
        foreach (var format in new[] { "mp3", "flac", "aiff", "ogg" })
        {
            files.Add(($"take.{format}", await TestAudio.EncodeAsync(wav, format)));
        }

        // FLAC declares its length in its header: cut in half, the probe passes and the decode comes up short.
        var flac = await TestAudio.EncodeAsync(TestAudio.ClickTrackWav(bpm: 120, seconds: 30), "flac");
        files.Add(("cut.flac", flac[..(flac.Length / 2)]));

        var ids = await UploadAsync(client, [.. files]);

        Assert.Equal(6, ids.Count);
        string[] formats = ["wav", "mp3", "flac", "aiff", "ogg"];
        for (var i = 0; i < formats.Length; i++)
        {
            var track = await WaitForStatusAsync(client, ids[i], "analyzed", "failed");
            Assert.True(track.GetProperty("status").GetString() == "analyzed", $"{formats[i]}: {track}");
            Assert.Equal(formats[i], track.GetProperty("format").GetString());
            Assert.Equal($"take.{formats[i]}", track.GetProperty("fileName").GetString());
            var analysis = track.GetProperty("analysis");
            Assert.InRange(analysis.GetProperty("durationSeconds").GetDouble(), 11.9, 12.1);
            var tempo = analysis.GetProperty("tempoBpm").GetDouble();
            Assert.True(Math.Abs(tempo - 120) < 3 || Math.Abs(tempo - 60) < 2 || Math.Abs(tempo - 240) < 5, $"{formats[i]} tempo {tempo}");
            Assert.InRange(analysis.GetProperty("loudnessLufs").GetDouble(), -40, 0);
        }

        var cut = await WaitForStatusAsync(client, ids[5], "analyzed", "failed");
        Assert.Equal("failed", cut.GetProperty("status").GetString());
        Assert.Contains("cut off", cut.GetProperty("error").GetString());

        // Each track's events reach the socket in order: uploaded first, its outcome last, sequence numbers rising.
        var expected = ids.Select(id => id.ToString()).ToHashSet();
        var events = await ReceiveUntilAsync(socket, received =>
            expected.All(id => received.Any(m => TrackId(m) == id && Type(m) is "analysisCompleted" or "analysisFailed")));
        var seqs = events.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
        foreach (var id in expected)
        {
            var mine = events.Where(e => TrackId(e) == id).Select(Type).ToList();
            Assert.Equal("trackUploaded", mine[0]);
            Assert.Contains(mine[^1], new[] { "analysisCompleted", "analysisFailed" });
            Assert.Single(mine, type => type is "analysisCompleted" or "analysisFailed");
        }
    }

    [Fact]
    public async Task The_library_filters_sorts_searches_and_pages_what_was_analysed()
    {
        var user = await platform.UserAsync("librarian");
        using var client = user.CreateClient(platform.GatewayAddress);
        var ids = await UploadAsync(client,
            ("Alpha.wav", TestAudio.ClickTrackWav(bpm: 92, seconds: 10)),
            ("Bravo.wav", TestAudio.ClickTrackWav(bpm: 124, seconds: 10)),
            ("Charlie.wav", TestAudio.ClickTrackWav(bpm: 150, seconds: 10)));
        var tempo = new Dictionary<string, double>();
        foreach (var id in ids)
        {
            var track = await WaitForStatusAsync(client, id, "analyzed", "failed");
            Assert.Equal("analyzed", track.GetProperty("status").GetString());
            tempo[track.GetProperty("title").GetString()!] = track.GetProperty("analysis").GetProperty("tempoBpm").GetDouble();
        }

        static List<string> Titles(JsonElement page) =>
            page.GetProperty("items").EnumerateArray().Select(track => track.GetProperty("title").GetString()!).ToList();

        var first = await ListAsync(client, "?sort=title&pageSize=2&page=1");
        Assert.Equal(["Alpha", "Bravo"], Titles(first));
        Assert.Equal(3, first.GetProperty("totalCount").GetInt64());
        Assert.Equal(2, first.GetProperty("pageSize").GetInt32());
        Assert.Equal(["Charlie"], Titles(await ListAsync(client, "?sort=title&pageSize=2&page=2")));
        Assert.Empty(Titles(await ListAsync(client, "?sort=title&pageSize=2&page=3")));
        Assert.Equal(["Charlie", "Bravo", "Alpha"], Titles(await ListAsync(client, "?sort=-title")));

        // Tempo filters and sorting judged against the tempos the engine reported, whatever they are.
        var byTempo = tempo.OrderBy(pair => pair.Value).Select(pair => pair.Key).ToList();
        Assert.Equal(byTempo, Titles(await ListAsync(client, "?sort=tempoBpm")));
        Assert.Equal(Enumerable.Reverse(byTempo), Titles(await ListAsync(client, "?sort=-tempoBpm")));
        var middle = tempo[byTempo[1]];
        var fromMiddle = Titles(await ListAsync(client, FormattableString.Invariant($"?bpmMin={middle - 0.5}&sort=tempoBpm")));
        Assert.Equal(byTempo[1..], fromMiddle);
        var onlyMiddle = Titles(await ListAsync(client, FormattableString.Invariant($"?bpmMin={middle - 0.5}&bpmMax={middle + 0.5}")));
        Assert.Equal([byTempo[1]], onlyMiddle);

        Assert.Equal(["Bravo"], Titles(await ListAsync(client, "?q=brav")));
        Assert.Equal(3, (await ListAsync(client, "?status=analyzed")).GetProperty("totalCount").GetInt64());
        Assert.Equal(0, (await ListAsync(client, "?status=failed")).GetProperty("totalCount").GetInt64());

        using var deleted = await client.DeleteAsync($"/api/v1/audio/{ids[0]}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(["Bravo", "Charlie"], Titles(await ListAsync(client, "?sort=title")));
    }

    [Fact]
    public async Task A_click_track_claims_no_labels_says_why_and_still_has_tags_a_description_and_similar_tracks_with_reasons()
    {
        var user = await platform.UserAsync("similarity");
        var stranger = await platform.UserAsync("stranger");
        using var client = user.CreateClient(platform.GatewayAddress);
        using var strangerClient = stranger.CreateClient(platform.GatewayAddress);
        var ids = await UploadAsync(client,
            ("slow.wav", TestAudio.ClickTrackWav(bpm: 90, seconds: 10)),
            ("fast.wav", TestAudio.ClickTrackWav(bpm: 140, seconds: 10)),
            ("faster.wav", TestAudio.ClickTrackWav(bpm: 150, seconds: 10)));
        foreach (var id in ids)
        {
            var track = await WaitForStatusAsync(client, id, "analyzed", "failed");
            Assert.Equal("analyzed", track.GetProperty("status").GetString());
            var analysis = track.GetProperty("analysis");
            // A click track is not music the genre, mood and instrument models know: no claim, and the reason.
            Assert.Equal(0, analysis.GetProperty("genres").GetArrayLength());
            Assert.False(string.IsNullOrWhiteSpace(analysis.GetProperty("labelsUnknownReason").GetString()));
            Assert.NotEqual(0, analysis.GetProperty("tags").GetArrayLength());
            Assert.Contains("BPM", analysis.GetProperty("description").GetString());
        }

        var similar = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audio/{ids[1]}/similar?limit=5");

        var items = similar.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(ids.Where(id => id != ids[1]).Order(), items.Select(i => i.GetProperty("track").GetProperty("id").GetGuid()).Order());
        var scores = items.Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(scores, score => Assert.InRange(score, -1, 1));
        Assert.All(items, i => Assert.Equal(JsonValueKind.Array, i.GetProperty("reasons").ValueKind));

        using var tooMany = await client.GetAsync($"/api/v1/audio/{ids[1]}/similar?limit=500");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        using var notYours = await strangerClient.GetAsync($"/api/v1/audio/{ids[1]}/similar");
        Assert.Equal(HttpStatusCode.NotFound, notYours.StatusCode);
    }
}
