using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>The Gateway as the web app's backend-for-frontend, through the whole running platform.</summary>
[Collection(BffPlatformCollection.Name)]
public sealed class BffTests(BffPlatformFixture platform)
{
    [Fact]
    public async Task Login_sends_the_browser_to_identity_on_the_gateway_with_a_S256_PKCE_challenge()
    {
        using var browser = new BffBrowser(platform.GatewayAddress);

        using var response = await browser.Http.GetAsync("/api/v1/auth/login?returnUrl=/library");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var authorize = response.Headers.Location!;
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(platform.GatewayAddress.Authority, authorize.Authority);
        Assert.Equal("/connect/authorize", authorize.AbsolutePath);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal("spa-bff", query["client_id"]);
    }

    [Fact]
    public async Task A_browser_signs_in_on_the_hosted_form_and_uses_the_audio_api_with_the_session_cookie()
    {
        using var browser = new BffBrowser(platform.GatewayAddress);

        var visited = await browser.SignUpAndSignInAsync();
        var me = await browser.Http.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        using var tracks = await browser.Http.GetAsync("/api/v1/audio");

        Assert.Contains(visited, step => step.AbsolutePath == "/account/signin");
        Assert.All(visited, step => Assert.Equal(platform.GatewayAddress.Authority, step.Authority));
        Assert.Equal("/library", visited[^1].AbsolutePath);
        Assert.Equal(browser.Email, me.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, tracks.StatusCode);
    }

    [Fact]
    public async Task A_post_with_the_session_cookie_but_without_the_antiforgery_header_is_refused()
    {
        using var browser = new BffBrowser(platform.GatewayAddress);
        await browser.SignUpAndSignInAsync();

        using var refused = await browser.Http.PostAsJsonAsync("/api/v1/audio/analyze", new { trackId = Guid.NewGuid() });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/audio/analyze")
        {
            Content = JsonContent.Create(new { trackId = Guid.NewGuid() }),
            Headers = { { "X-CSRF", "1" } },
        };
        using var accepted = await browser.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        // With the header the request reaches Library as this user: an unknown track is 404, not 401.
        Assert.Equal(HttpStatusCode.NotFound, accepted.StatusCode);
    }

    [Fact]
    public async Task After_logout_the_old_session_cookie_no_longer_works_and_signing_in_asks_for_the_password()
    {
        using var browser = new BffBrowser(platform.GatewayAddress);
        await browser.SignUpAndSignInAsync();
        var oldCookie = browser.SessionCookieValue!;

        var signOut = await browser.SignOutAsync();
        using var replayed = new HttpClient { BaseAddress = platform.GatewayAddress };
        replayed.DefaultRequestHeaders.Add("Cookie", $"{BffBrowser.SessionCookie}={oldCookie}");
        using var me = await replayed.GetAsync("/api/v1/auth/me");
        using var tracks = await replayed.GetAsync("/api/v1/audio");
        var again = await browser.SignInAsync();

        Assert.Contains(signOut, step => step.AbsolutePath == "/connect/endsession");
        Assert.Equal("/", signOut[^1].AbsolutePath);
        Assert.NotEqual(oldCookie, browser.SessionCookieValue);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal("application/problem+json", me.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, tracks.StatusCode);
        Assert.Contains(again, step => step.AbsolutePath == "/account/signin");
    }

    [Fact]
    public async Task An_upload_flood_gets_429_with_retry_after_for_that_user_only()
    {
        using var flooder = new BffBrowser(platform.GatewayAddress);
        await flooder.SignUpAndSignInAsync();
        var scripted = await PlatformUser.SignUpAsync(platform.GatewayAddress);
        using var scriptedClient = scripted.CreateClient(platform.GatewayAddress);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt <= BffPlatformFixture.UploadsPerWindow && refused is null; attempt++)
        {
            var response = await flooder.Http.SendAsync(Upload(antiforgery: true));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        using var _refused = refused;
        using var others = await scriptedClient.SendAsync(Upload(antiforgery: false));

        Assert.Equal(BffPlatformFixture.UploadsPerWindow, statuses.Count(status => status == HttpStatusCode.UnsupportedMediaType));
        Assert.NotNull(refused);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, others.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/status")]
    [InlineData("/api/v1/audio")]
    [InlineData("/account/signin")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = new HttpClient { BaseAddress = platform.GatewayAddress };

        using var response = await client.GetAsync(path);

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task A_preflight_from_a_foreign_origin_is_granted_nothing()
    {
        using var client = new HttpClient { BaseAddress = platform.GatewayAddress };
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/audio/upload")
        {
            Headers = { { "Origin", "https://evil.example" }, { "Access-Control-Request-Method", "POST" }, { "Access-Control-Request-Headers", "x-csrf" } },
        };

        using var response = await client.SendAsync(preflight);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task The_notification_websocket_without_a_token_is_refused_with_401()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WebSocketAddress(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task The_notification_websocket_opens_with_the_session_cookie_from_the_site_itself_only()
    {
        using var browser = new BffBrowser(platform.GatewayAddress);
        await browser.SignUpAndSignInAsync();

        using var own = new ClientWebSocket();
        own.Options.Cookies = browser.Cookies;
        own.Options.SetRequestHeader("Origin", platform.GatewayAddress.GetLeftPart(UriPartial.Authority));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await own.ConnectAsync(WebSocketAddress(), timeout.Token);
        using var foreign = new ClientWebSocket();
        foreign.Options.Cookies = browser.Cookies;
        foreign.Options.CollectHttpResponseDetails = true;
        foreign.Options.SetRequestHeader("Origin", "https://evil.example");

        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(WebSocketAddress(), timeout.Token));

        Assert.Equal(WebSocketState.Open, own.State);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);
        await own.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    private Uri WebSocketAddress() => new UriBuilder(platform.GatewayAddress) { Scheme = "ws", Path = "/api/v1/ws" }.Uri;

    private static HttpRequestMessage Upload(bool antiforgery)
    {
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes("Not audio at all."));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/audio/upload") { Content = new MultipartFormDataContent { { part, "file", "flood.wav" } } };
        if (antiforgery)
        {
            request.Headers.Add("X-CSRF", "1");
        }

        return request;
    }
}
