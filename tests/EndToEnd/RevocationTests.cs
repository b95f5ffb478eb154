using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Diagnostics;
using AudioPlatform.PlatformClient;
using Xunit.Abstractions;

namespace AudioPlatform.EndToEnd.Tests;

/// <summary>
/// Revocation reaches what validates tokens locally: an open notification WebSocket is closed with a reason, and a
/// revoked access token is refused by the services, within seconds (Identity announces it on the bus).
/// </summary>
[Collection(BffPlatformCollection.Name)]
public sealed class RevocationTests(BffPlatformFixture platform, ITestOutputHelper output)
{
    // The bound is seconds; this is how long the tests wait for it, polling, so a loaded machine does not fail them.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_websocket_is_closed_with_token_revoked_once_its_access_token_is_revoked()
    {
        var account = await DeviceFlowAccount.SignUpAsync(platform.GatewayAddress);
        using var socket = await ConnectAsync(account.AccessToken);

        var revoked = Stopwatch.StartNew();
        await RevokeAsync(account.AccessToken, "access_token");

        var (status, reason) = await ReceiveCloseAsync(socket);
        output.WriteLine($"Closed {revoked.ElapsedMilliseconds} ms after the revocation request was sent.");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("token revoked", reason);
    }

    [Fact]
    public async Task A_websocket_is_closed_with_session_ended_once_the_sign_ins_refresh_token_is_revoked()
    {
        // What `audioplatform logout` does: it revokes the refresh token only.
        var account = await DeviceFlowAccount.SignUpAsync(platform.GatewayAddress);
        using var socket = await ConnectAsync(account.AccessToken);

        var revoked = Stopwatch.StartNew();
        await RevokeAsync(account.RefreshToken!, "refresh_token");

        var (status, reason) = await ReceiveCloseAsync(socket);
        output.WriteLine($"Closed {revoked.ElapsedMilliseconds} ms after the revocation request was sent.");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("session ended", reason);
    }

    [Fact]
    public async Task A_web_sessions_websocket_is_closed_with_session_ended_at_sign_out()
    {
        using var browser = new BffBrowser(platform.GatewayAddress);
        await browser.SignUpAndSignInAsync();
        using var socket = new ClientWebSocket();
        socket.Options.Cookies = browser.Cookies;
        socket.Options.SetRequestHeader("Origin", platform.GatewayAddress.GetLeftPart(UriPartial.Authority));
        await socket.ConnectAsync(WebSocketAddress(), CancellationToken.None);

        var signedOut = Stopwatch.StartNew();
        await browser.SignOutAsync();

        var (status, reason) = await ReceiveCloseAsync(socket);
        output.WriteLine($"Closed {signedOut.ElapsedMilliseconds} ms after the sign-out request was sent.");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("session ended", reason);
    }

    [Fact]
    public async Task A_revoked_access_token_is_refused_with_401_within_seconds_by_the_library_and_by_uploads()
    {
        var account = await DeviceFlowAccount.SignUpAsync(platform.GatewayAddress);
        using var client = account.CreateClient(platform.GatewayAddress);
        Assert.Equal(HttpStatusCode.OK, await ListStatusAsync(client));

        var revoked = Stopwatch.StartNew();
        await RevokeAsync(account.AccessToken, "access_token");

        // Listing is not rate-limited: poll it. Uploads are (a few per user and window here): try those a few times only.
        var until = DateTime.UtcNow + Bound;
        var listed = await ListStatusAsync(client);
        while (listed != HttpStatusCode.Unauthorized && DateTime.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            listed = await ListStatusAsync(client);
        }

        output.WriteLine($"Library refused the token {revoked.ElapsedMilliseconds} ms after the revocation request was sent.");

        var uploaded = await UploadStatusAsync(client);
        for (var attempt = 1; attempt < BffPlatformFixture.UploadsPerWindow && uploaded != HttpStatusCode.Unauthorized; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            uploaded = await UploadStatusAsync(client);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, listed);
        Assert.Equal(HttpStatusCode.Unauthorized, uploaded);
    }

    private async Task<ClientWebSocket> ConnectAsync(string accessToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {accessToken}");
        await socket.ConnectAsync(WebSocketAddress(), CancellationToken.None);
        return socket;
    }

    private async Task RevokeAsync(string token, string tokenTypeHint)
    {
        using var anonymous = new HttpClient { BaseAddress = platform.GatewayAddress };
        await new DeviceFlowClient(anonymous).RevokeAsync(token, tokenTypeHint);
    }

    /// <summary>Reads (and drops) messages until the server closes the socket, for <see cref="Bound"/> at most.</summary>
    private static async Task<(WebSocketCloseStatus? Status, string? Reason)> ReceiveCloseAsync(ClientWebSocket socket)
    {
        using var deadline = new CancellationTokenSource(Bound);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, deadline.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return (received.CloseStatus, received.CloseStatusDescription);
            }
        }
    }

    private static async Task<HttpStatusCode> ListStatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/audio");
        return response.StatusCode;
    }

    /// <summary>Not audio: with a valid token it is refused with 415 and nothing is stored; only the token decides 401.</summary>
    private static async Task<HttpStatusCode> UploadStatusAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/api/v1/audio/upload",
            AudioApi.Files(("not-audio.wav", Encoding.UTF8.GetBytes("Not audio at all."))));
        return response.StatusCode;
    }

    private Uri WebSocketAddress() => new UriBuilder(platform.GatewayAddress) { Scheme = "ws", Path = "/api/v1/ws" }.Uri;
}
