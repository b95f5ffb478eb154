using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace AudioPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class FoundationTests(PlatformFixture platform)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Status_shows_the_version_the_local_mode_and_every_service_healthy()
    {
        var status = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/v1/status", Json);

        Assert.Equal("local", status.GetProperty("mode").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", status.GetProperty("version").GetString());
        Assert.Equal("Healthy", status.GetProperty("status").GetString());
        var services = status.GetProperty("services").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("status").GetString());
        Assert.Equal(["analysis", "identity", "ingest", "library", "notify"], services.Keys.Order());
        Assert.All(services.Values, s => Assert.Equal("Healthy", s));
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("ingest")]
    [InlineData("analysis")]
    [InlineData("library")]
    [InlineData("notify")]
    public async Task The_gateway_routes_to_each_service(string service)
    {
        var info = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/{service}/info", Json);

        Assert.Equal(service, info.GetProperty("service").GetString());
        Assert.Equal("local", info.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task An_unknown_api_path_is_not_found()
    {
        using var response = await platform.Gateway.GetAsync("/api/v1/nothing-here/info");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_event_published_by_ingest_is_consumed_by_notify_in_the_callers_trace_and_read_back_only_by_the_caller()
    {
        using var client = await DiagnosticsClientAsync("operator");
        using var stranger = await DiagnosticsClientAsync("stranger");
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest/diagnostics/ping");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var pingId = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("pingId").GetGuid();

        var received = await PollAsync(async () =>
        {
            using var answer = await client.GetAsync($"/api/v1/notify/diagnostics/pings/{pingId}");
            return answer.StatusCode == HttpStatusCode.OK ? await answer.Content.ReadFromJsonAsync<JsonElement>(Json) : (JsonElement?)null;
        });
        using var strangers = await stranger.GetAsync($"/api/v1/notify/diagnostics/pings/{pingId}");

        Assert.Equal("ingest", received.GetProperty("publishedBy").GetString());
        Assert.Equal(traceId, received.GetProperty("traceId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
    }

    [Fact]
    public async Task The_diagnostics_endpoints_refuse_an_anonymous_caller_with_a_401_problem()
    {
        using var ping = await platform.Gateway.PostAsync("/api/v1/ingest/diagnostics/ping", null);
        using var readBack = await platform.Gateway.GetAsync($"/api/v1/notify/diagnostics/pings/{Guid.NewGuid()}");
        using var echo = await platform.Gateway.GetAsync("/api/v1/notify/diagnostics/echo");
        using var socket = new ClientWebSocket();
        var upgrade = await Record.ExceptionAsync(() => socket.ConnectAsync(
            new UriBuilder(platform.GatewayAddress) { Scheme = "ws", Path = "/api/v1/notify/diagnostics/echo" }.Uri, CancellationToken.None));

        foreach (var refused in new[] { ping, readBack, echo })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.IsType<WebSocketException>(upgrade);
    }

    [Fact]
    public async Task A_websocket_passes_through_the_gateway_both_ways()
    {
        var user = await platform.UserAsync("operator");
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {user.AccessToken}");
        var address = new UriBuilder(platform.GatewayAddress) { Scheme = "ws", Path = "/api/v1/notify/diagnostics/echo" }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await socket.ConnectAsync(address, timeout.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes("hello through the gateway"), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);

        Assert.Equal("hello through the gateway", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    [Fact]
    public async Task A_plain_http_request_to_the_websocket_gets_a_problem_details_400()
    {
        using var client = await DiagnosticsClientAsync("operator");

        using var response = await client.GetAsync("/api/v1/notify/diagnostics/echo");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A signed-in user's client: the diagnostics endpoints answer no one anonymous.</summary>
    private async Task<HttpClient> DiagnosticsClientAsync(string name) =>
        (await platform.UserAsync(name)).CreateClient(platform.GatewayAddress);

    private static async Task<JsonElement> PollAsync(Func<Task<JsonElement?>> attempt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The event was not consumed within 30 s.");
    }
}
