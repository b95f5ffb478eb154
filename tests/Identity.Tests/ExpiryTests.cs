using System.Net;

namespace AudioPlatform.Identity.Tests;

/// <summary>A clock the test moves forward, for Identity's own checks of token lifetimes.</summary>
public sealed class MovableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

public sealed class ExpiryTests
{
    [Fact]
    public async Task An_access_token_is_refused_by_identity_once_its_15_minutes_are_over()
    {
        var clock = new MovableClock();
        await using var host = await IdentityHost.StartAsync(time: clock);
        var account = Account.New();
        await host.RegisterAsync(account);
        var tokens = await Oidc.SignInAsync(host, account);
        clock.Offset = TimeSpan.FromMinutes(14);
        Assert.Equal(HttpStatusCode.OK, await Oidc.MeStatusAsync(host, tokens.AccessToken!));

        clock.Offset = TimeSpan.FromMinutes(16);

        Assert.Equal(HttpStatusCode.Unauthorized, await Oidc.MeStatusAsync(host, tokens.AccessToken!));
    }

    [Fact]
    public async Task A_refresh_token_is_refused_after_the_absolute_limit_even_when_rotated()
    {
        var clock = new MovableClock();
        await using var host = await IdentityHost.StartAsync(time: clock);
        var account = Account.New();
        await host.RegisterAsync(account);
        var tokens = await Oidc.SignInAsync(host, account);
        clock.Offset = TimeSpan.FromDays(13);
        var rotated = await Oidc.RefreshAsync(host, tokens.RefreshToken!);
        Assert.False(rotated.IsError, rotated.Error);

        clock.Offset = TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1);

        Assert.Equal("invalid_grant", (await Oidc.RefreshAsync(host, rotated.RefreshToken!)).Error);
    }
}
