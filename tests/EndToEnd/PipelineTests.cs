using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using static AudioPlatform.EndToEnd.Tests.AudioApi;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>Upload → store → analyse → library → notifications, through the Gateway, as a signed-in user.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PipelineTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_uploaded_wav_is_analysed_and_its_events_arrive_in_order_on_the_websocket()
    {
        var user = await platform.UserAsync("producer");
        using var client = user.CreateClient(platform.GatewayAddress);
        using var socket = await ConnectAsync(platform.GatewayAddress, user);

        var trackId = await UploadAsync(client, "click 120.wav", TestAudio.ClickTrackWav(bpm: 120, seconds: 20));
        var track = await WaitForStatusAsync(client, trackId, "analyzed", "failed");

        Assert.Equal("analyzed", track.GetProperty("status").GetString());
        Assert.Equal("wav", track.GetProperty("format").GetString());
        Assert.Equal("click 120", track.GetProperty("title").GetString());
        var analysis = track.GetProperty("analysis");
        Assert.InRange(analysis.GetProperty("durationSeconds").GetDouble(), 19.9, 20.1);
        var tempo = analysis.GetProperty("tempoBpm").GetDouble();
        Assert.True(Math.Abs(tempo - 120) < 3 || Math.Abs(tempo - 60) < 2 || Math.Abs(tempo - 240) < 5, $"tempo {tempo}");
        Assert.InRange(analysis.GetProperty("loudnessLufs").GetDouble(), -40, 0);

        var events = await ReceiveUntilAsync(socket, "analysisCompleted");
        var mine = events.Where(e => e.TryGetProperty("trackId", out var id) && id.GetString() == trackId.ToString()).ToList();
        Assert.Equal("trackUploaded", mine.First().GetProperty("type").GetString());
        Assert.Equal("analysisCompleted", mine.Last().GetProperty("type").GetString());
        Assert.Contains(mine, e => e.GetProperty("type").GetString() == "analysisProgress");
        var seqs = events.Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);

        using var waveform = await client.GetAsync($"/api/v1/audio/{trackId}/waveform");
        Assert.Equal(HttpStatusCode.OK, waveform.StatusCode);
        using var spectrogram = await client.GetAsync($"/api/v1/audio/{trackId}/spectrogram.png");
        Assert.Equal("image/png", spectrogram.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Playback_honours_a_byte_range_and_delete_removes_the_track_and_its_audio()
    {
        var user = await platform.UserAsync("producer");
        using var client = user.CreateClient(platform.GatewayAddress);
        var wav = TestAudio.ClickTrackWav(bpm: 100, seconds: 5);
        var trackId = await UploadAsync(client, "short.wav", wav);
        await WaitForStatusAsync(client, trackId, "analyzed", "failed");

        using var range = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/audio/{trackId}/stream");
        range.Headers.Range = new RangeHeaderValue(100, 199);
        using var partial = await client.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(wav[100..200], await partial.Content.ReadAsByteArrayAsync());

        using var deleted = await client.DeleteAsync($"/api/v1/audio/{trackId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var deletedAgain = await client.DeleteAsync($"/api/v1/audio/{trackId}");
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Equal("application/problem+json", deletedAgain.Content.Headers.ContentType?.MediaType);
        using var gone = await client.GetAsync($"/api/v1/audio/{trackId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.True(await GoneAsync(client, $"/api/v1/audio/{trackId}/stream"), "the audio object is still served after the track was deleted");
        Assert.True(await GoneAsync(client, $"/api/v1/audio/{trackId}/waveform"), "the waveform is still served after the track was deleted");
    }

    /// <summary>Whether <paramref name="path"/> answers 404 within 10 s: the objects go when their owner hears of the deletion.</summary>
    private static async Task<bool> GoneAsync(HttpClient client, string path)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            using var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }

    [Fact]
    public async Task Another_user_cannot_see_hear_or_delete_a_track()
    {
        var owner = await platform.UserAsync("producer");
        var stranger = await platform.UserAsync("stranger");
        using var ownerClient = owner.CreateClient(platform.GatewayAddress);
        using var strangerClient = stranger.CreateClient(platform.GatewayAddress);
        var trackId = await UploadAsync(ownerClient, "mine.wav", TestAudio.ClickTrackWav(bpm: 90, seconds: 4));
        await WaitForStatusAsync(ownerClient, trackId, "analyzed", "failed");

        using var get = await strangerClient.GetAsync($"/api/v1/audio/{trackId}");
        // The derived images are served by Analysis, which knows the owner only from the key: the owner's exist, the stranger's do not.
        using var ownersWaveform = await ownerClient.GetAsync($"/api/v1/audio/{trackId}/waveform");
        using var waveform = await strangerClient.GetAsync($"/api/v1/audio/{trackId}/waveform");
        using var spectrogram = await strangerClient.GetAsync($"/api/v1/audio/{trackId}/spectrogram.png");
        using var stream = await strangerClient.GetAsync($"/api/v1/audio/{trackId}/stream");
        using var delete = await strangerClient.DeleteAsync($"/api/v1/audio/{trackId}");
        var list = await strangerClient.GetFromJsonAsync<JsonElement>("/api/v1/audio");

        using var deleteUnknown = await strangerClient.DeleteAsync($"/api/v1/audio/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stream.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownersWaveform.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, waveform.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, spectrogram.StatusCode);
        // Another user's track and a track that never existed get the same answer, body included.
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleteUnknown.StatusCode);
        Assert.Equal(ProblemWithoutTrace(await deleteUnknown.Content.ReadAsStringAsync()), ProblemWithoutTrace(await delete.Content.ReadAsStringAsync()));
        Assert.Equal(0, list.GetProperty("totalCount").GetInt64());
        using var stillThere = await ownerClient.GetAsync($"/api/v1/audio/{trackId}");
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Theory]
    [InlineData("notes.mp3", "This is a text file with an audio extension.")]
    [InlineData("empty.wav", "")]
    public async Task Content_that_is_not_audio_is_refused_with_415_problem_details(string name, string content)
    {
        var user = await platform.UserAsync("refused");
        using var client = user.CreateClient(platform.GatewayAddress);

        using var response = await client.PostAsync("/api/v1/audio/upload", Files((name, Encoding.UTF8.GetBytes(content))));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/audio");
        Assert.Equal(0, list.GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task A_file_over_100_MB_is_refused_with_413()
    {
        var user = await platform.UserAsync("producer");
        using var client = user.CreateClient(platform.GatewayAddress);
        var tooBig = new byte[100 * 1024 * 1024 + 1];
        TestAudio.ClickTrackWav(bpm: 120, seconds: 1).CopyTo(tooBig, 0);

        using var response = await client.PostAsync("/api/v1/audio/upload", Files(("big.wav", tooBig)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("?pageSize=500")]
    [InlineData("?sort=loudest")]
    [InlineData("?status=lost")]
    [InlineData("?bpmMin=140&bpmMax=120")]
    public async Task A_bad_library_query_is_refused_with_400_problem_details(string query)
    {
        var user = await platform.UserAsync("stranger");
        using var client = user.CreateClient(platform.GatewayAddress);

        using var response = await client.GetAsync($"/api/v1/audio{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Reanalysing_a_track_that_is_not_yours_answers_404()
    {
        var user = await platform.UserAsync("stranger");
        using var client = user.CreateClient(platform.GatewayAddress);

        using var response = await client.PostAsJsonAsync("/api/v1/audio/analyze", new { trackId = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_audio_api_answers_401()
    {
        using var response = await platform.Gateway.GetAsync("/api/v1/audio");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A problem's body without its trace id, which differs from request to request.</summary>
    private static string ProblemWithoutTrace(string body)
    {
        var problem = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        problem.Remove("traceId");
        return problem.ToJsonString();
    }
}
