using System.Net.WebSockets;
using AudioPlatform.Notify.Hub;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AudioPlatform.Notify.Tests;

/// <summary>
/// A notification socket lives no longer than the access token it was opened with: the hub closes it with
/// <c>PolicyViolation</c> and a reason when the token expires (on a clock the test moves), is revoked, or its sign-in
/// ends. Real WebSockets (server and client) over a loopback TCP connection.
/// </summary>
public sealed class SocketLifetimeTests : IAsyncDisposable
{
    private const string User = "alice";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-06T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly RevokedAccessTokens _revoked;
    private readonly NotificationHub _hub;
    private readonly List<IDisposable> _sockets = [];

    public SocketLifetimeTests()
    {
        _revoked = new RevokedAccessTokens(_clock);
        _hub = new NotificationHub(Options.Create(new NotifyOptions()), _revoked, _clock, NullLogger<NotificationHub>.Instance);
    }

    [Fact]
    public async Task A_socket_stays_open_until_its_token_expires_then_is_closed_with_token_expired()
    {
        var (client, connection) = await OpenAsync(new AccessGrant("token-1", "sign-in-1", _clock.GetUtcNow().AddMinutes(15)));

        _clock.Advance(TimeSpan.FromMinutes(14));
        await _hub.PublishAsync(Guid.NewGuid(), User, NotificationTypes.TrackDeleted, Guid.NewGuid(), _clock.GetUtcNow(), null, default);
        var delivered = await ReceiveAsync(client);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var closed = await ReceiveAsync(client);

        Assert.Equal(WebSocketMessageType.Text, delivered.MessageType);
        Assert.Equal(WebSocketMessageType.Close, closed.MessageType);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, closed.CloseStatus);
        Assert.Equal(CloseReasons.TokenExpired, closed.CloseStatusDescription);
        GC.KeepAlive(connection);
    }

    [Fact]
    public async Task Revoking_the_token_closes_its_socket_with_token_revoked_and_leaves_the_users_other_sockets_open()
    {
        var expiresAt = _clock.GetUtcNow().AddMinutes(15);
        var (revokedClient, _) = await OpenAsync(new AccessGrant("token-1", "sign-in-1", expiresAt));
        var (otherClient, _) = await OpenAsync(new AccessGrant("token-2", "sign-in-2", expiresAt));

        _revoked.RevokeToken("token-1", expiresAt, User);
        var closed = await ReceiveAsync(revokedClient);
        await _hub.PublishAsync(Guid.NewGuid(), User, NotificationTypes.TrackDeleted, Guid.NewGuid(), _clock.GetUtcNow(), null, default);
        var delivered = await ReceiveAsync(otherClient);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, closed.CloseStatus);
        Assert.Equal(CloseReasons.TokenRevoked, closed.CloseStatusDescription);
        Assert.Equal(WebSocketMessageType.Text, delivered.MessageType);
    }

    [Fact]
    public async Task Ending_the_sign_in_closes_every_socket_opened_with_its_tokens_with_session_ended()
    {
        var expiresAt = _clock.GetUtcNow().AddMinutes(15);
        var (first, _) = await OpenAsync(new AccessGrant("token-1", "sign-in-1", expiresAt));
        var (refreshed, _) = await OpenAsync(new AccessGrant("token-2", "sign-in-1", expiresAt.AddMinutes(14)));

        // The event may name no user (an operator's revocation): the hub looks through every user's sockets.
        _revoked.RevokeSignIn("sign-in-1", expiresAt.AddMinutes(14), userId: null);

        foreach (var client in new[] { first, refreshed })
        {
            var closed = await ReceiveAsync(client);
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, closed.CloseStatus);
            Assert.Equal(CloseReasons.SessionEnded, closed.CloseStatusDescription);
        }
    }

    [Fact]
    public async Task A_socket_opened_with_a_token_revoked_meanwhile_is_closed_at_once()
    {
        var expiresAt = _clock.GetUtcNow().AddMinutes(15);
        _revoked.RevokeToken("token-1", expiresAt, User);

        var (client, _) = await OpenAsync(new AccessGrant("token-1", "sign-in-1", expiresAt));
        var closed = await ReceiveAsync(client);

        Assert.Equal(CloseReasons.TokenRevoked, closed.CloseStatusDescription);
    }

    /// <summary>A server socket registered with the hub as <see cref="User"/>, and the client's end of it.</summary>
    private async Task<(WebSocket Client, ClientConnection Connection)> OpenAsync(AccessGrant grant)
    {
        var (server, client) = await LoopbackWebSockets.OpenAsync(_sockets);

        var connection = await _hub.ConnectAsync(User, server, grant, since: null, default);
        Assert.NotNull(connection);
        return (client, connection);
    }

    private static async Task<WebSocketReceiveResult> ReceiveAsync(WebSocket client)
    {
        using var patience = new CancellationTokenSource(Patience);
        return await client.ReceiveAsync(new byte[64 * 1024], patience.Token);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
