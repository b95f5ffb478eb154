using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>The calls the end-to-end tests make to <c>/api/v1/audio</c> and the WebSocket, in one place.</summary>
public static class AudioApi
{
    public static readonly TimeSpan AnalysisDeadline = TimeSpan.FromMinutes(3);

    public static MultipartFormDataContent Files(params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "file", name);
        }

        return form;
    }

    /// <summary>Uploads the files in one request and answers the created tracks' ids, in order.</summary>
    public static async Task<IReadOnlyList<Guid>> UploadAsync(HttpClient client, params (string Name, byte[] Content)[] files)
    {
        using var response = await client.PostAsync("/api/v1/audio/upload", Files(files));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.EnumerateArray().Select(track => track.GetProperty("id").GetGuid()).ToList();
    }

    public static async Task<Guid> UploadAsync(HttpClient client, string name, byte[] content) =>
        (await UploadAsync(client, (name, content))).Single();

    public static async Task<JsonElement> WaitForStatusAsync(HttpClient client, Guid trackId, params string[] final) =>
        await WaitForStatusAsync(client, trackId, AnalysisDeadline, final);

    public static async Task<JsonElement> WaitForStatusAsync(HttpClient client, Guid trackId, TimeSpan deadline, params string[] final)
    {
        var until = DateTime.UtcNow + deadline;
        JsonElement track = default;
        while (DateTime.UtcNow < until)
        {
            using var response = await client.GetAsync($"/api/v1/audio/{trackId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                track = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (final.Contains(track.GetProperty("status").GetString()))
                {
                    return track;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Track {trackId} did not reach {string.Join("/", final)}: {track}");
    }

    /// <summary>One page of the user's library for <paramref name="query"/> (e.g. <c>?sort=title</c>).</summary>
    public static async Task<JsonElement> ListAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync($"/api/v1/audio{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<ClientWebSocket> ConnectAsync(Uri gateway, PlatformUser user)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {user.AccessToken}");
        await socket.ConnectAsync(new UriBuilder(gateway) { Scheme = "ws", Path = "/api/v1/ws" }.Uri, CancellationToken.None);
        return socket;
    }

    /// <summary>Receives messages (heartbeats left out) until <paramref name="done"/> says enough.</summary>
    public static async Task<List<JsonElement>> ReceiveUntilAsync(ClientWebSocket socket, Func<List<JsonElement>, bool> done, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var received = new List<JsonElement>();
        var buffer = new byte[256 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, deadline.Token);
            var message = JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement.Clone();
            if (message.GetProperty("type").GetString() == "heartbeat")
            {
                continue;
            }

            received.Add(message);
            if (done(received))
            {
                return received;
            }
        }
    }

    public static Task<List<JsonElement>> ReceiveUntilAsync(ClientWebSocket socket, string type) =>
        ReceiveUntilAsync(socket, received => received[^1].GetProperty("type").GetString() == type);
}
