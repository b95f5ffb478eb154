using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using static AudioPlatform.EndToEnd.Tests.AudioApi;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>
/// A platform with two replicas of every service, sharing sessions, limits and resume buffers in Redis; but one Library,
/// as local mode runs it on its LiteDB file (replicas of the Library need MongoDB: the AppHost runs one). Each user may
/// make <see cref="UploadsPerWindow"/> upload requests in ten minutes, across both Gateways.
/// </summary>
public sealed class ReplicatedServicesFixture : PlatformFixture
{
    public const int UploadsPerWindow = 4;

    protected override IEnumerable<string> ExtraArguments =>
        new[] { "Gateway", "Identity", "Ingest", "Analysis", "Library", "Notify" }.Select(service => $"--{service}:Replicas=2");

    protected override void Configure(IDistributedApplicationTestingBuilder builder) =>
        builder.CreateResourceBuilder<ProjectResource>("gateway")
            .WithEnvironment("RateLimits__UploadsPerWindow", UploadsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("RateLimits__UploadWindow", "00:10:00");
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

    [Fact]
    public async Task A_browser_session_signed_in_through_the_gateways_keeps_working_on_each_replica_alone()
    {
        using var browser = new BffBrowser(platform.GatewayAddress);
        // A new connection for every request: the sign-in's redirects and form posts spread over both Gateways and both
        // Identities, so the correlation cookie, the antiforgery token and the session must be readable by any of them.
        browser.Http.DefaultRequestHeaders.ConnectionClose = true;
        await browser.SignUpAndSignInAsync();

        // Each Gateway in turn is the only one left: whichever replica made the session, the other one must read it.
        string? spared = null;
        for (var turn = 0; turn < 2; turn++)
        {
            var killed = await platform.KillOneReplicaAsync("gateway", sparing: spared);
            try
            {
                using var listed = await SendWhileTheProxyCatchesUpAsync(browser.Http, () => new HttpRequestMessage(HttpMethod.Get, "/api/v1/audio"));
                Assert.True(listed.StatusCode == HttpStatusCode.OK, $"turn {turn}: {(int)listed.StatusCode} {await listed.Content.ReadAsStringAsync()}");
                using var uploaded = await SendWhileTheProxyCatchesUpAsync(browser.Http, () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/audio/upload")
                {
                    Headers = { { "X-CSRF", "1" } },
                    Content = Files(($"session-{turn}.wav", TestAudio.ClickTrackWav(bpm: 120, seconds: 2))),
                });
                Assert.True(uploaded.StatusCode == HttpStatusCode.Accepted, $"turn {turn}: {(int)uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync()}");
            }
            finally
            {
                await platform.StartReplicaAsync(killed);
            }

            spared = killed;
        }
    }

    /// <summary>
    /// Sends again while the request finds no listener: for a moment after a kill, the proxy in front of the replicas
    /// may still pick the dead one.
    /// </summary>
    private static async Task<HttpResponseMessage> SendWhileTheProxyCatchesUpAsync(HttpClient http, Func<HttpRequestMessage> request)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            try
            {
                var response = await http.SendAsync(message);
                if (response.StatusCode != HttpStatusCode.BadGateway || attempt == 10)
                {
                    return response;
                }

                response.Dispose();
            }
            catch (HttpRequestException) when (attempt < 10)
            {
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task The_upload_limit_holds_across_the_gateway_replicas()
    {
        var user = await platform.UserAsync("limited");
        using var client = user.CreateClient(platform.GatewayAddress);
        // A new connection each time, so that the load balancer in front of the Gateways spreads the requests over both:
        // each Gateway alone would accept them all.
        client.DefaultRequestHeaders.ConnectionClose = true;
        var wav = TestAudio.ClickTrackWav(bpm: 120, seconds: 2);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ReplicatedServicesFixture.UploadsPerWindow + 3; i++)
        {
            using var response = await client.PostAsync("/api/v1/audio/upload", Files(($"limited-{i}.wav", wav)));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null, "a 429 says when to try again");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(ReplicatedServicesFixture.UploadsPerWindow, statuses.Count(status => status == HttpStatusCode.Accepted));
        Assert.Equal(3, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Killing_one_replica_of_analysis_notify_and_ingest_mid_batch_loses_no_upload()
    {
        var user = await platform.UserAsync("replica-crash");
        using var client = user.CreateClient(platform.GatewayAddress);
        // Half an hour of audio: long enough that the batch is still under way when the kills have happened, even with
        // the services already warm (ten 30-second files were all analysed before the three kills once the services
        // stopped paying their JIT in the first batch).
        var mp3 = await TestAudio.EncodeAsync(TestAudio.ClickTrackWav(bpm: 128, seconds: 180), "mp3");
        var ids = await UploadAsync(client, Enumerable.Range(0, 10).Select(i => ($"replica-crash-{i:00}.mp3", mp3)).ToArray());

        // As soon as the analysis is under way, one replica each of the services that take the batch's events or serve
        // uploads dies (local mode's one Library is not among them).
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < until
            && !(await ListAsync(client, "?pageSize=100")).GetProperty("items").EnumerateArray()
                .Any(track => track.GetProperty("status").GetString() is "analyzing" or "analyzed"))
        {
            await Task.Delay(50);
        }

        // At once, not one after the other: each kill waits until Aspire has seen the process end.
        var kills = new[] { "analysis", "notify", "ingest" }.Select(service => platform.KillOneReplicaAsync(service)).ToArray();
        try
        {
            await Task.WhenAll(kills);
            var analysedBeforeTheKills = (await ListAsync(client, "?status=analyzed")).GetProperty("totalCount").GetInt64();
            Assert.True(analysedBeforeTheKills < ids.Count, "the batch finished before the kills, so the test proved nothing");

            foreach (var id in ids)
            {
                var track = await WaitForStatusAsync(client, id, TimeSpan.FromMinutes(5), "analyzed", "failed");
                Assert.True(track.GetProperty("status").GetString() == "analyzed", $"track {id}: {track}");
            }
        }
        finally
        {
            foreach (var kill in kills.Where(kill => kill.IsCompletedSuccessfully))
            {
                await platform.StartReplicaAsync(await kill);
            }
        }
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
