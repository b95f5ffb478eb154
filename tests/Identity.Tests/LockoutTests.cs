using System.Net;
using AudioPlatform.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPlatform.Identity.Tests;

/// <summary>
/// Password guessing is slowed per account and per client address, with growing delays; it never ends
/// the owner's existing sessions. What ends them is a change of the security stamp (sign-out everywhere).
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class LockoutTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task A_refresh_token_keeps_working_while_the_account_is_locked_by_failed_sign_ins()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        var tokens = await Oidc.SignInAsync(Host, account);

        await Host.FailSignInsAsync(account);

        using (var browser = Host.CreateBrowser())
        {
            using var locked = await Host.SignInOnFormAsync(browser, account);
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        }

        var refreshed = await Oidc.RefreshAsync(Host, tokens.RefreshToken!);
        Assert.False(refreshed.IsError, refreshed.Error + " " + refreshed.ErrorDescription);
        Assert.Equal(HttpStatusCode.OK, await Oidc.MeStatusAsync(Host, refreshed.AccessToken!));
    }

    [Fact]
    public async Task The_identity_session_of_a_locked_account_still_authorizes_its_client()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        using var browser = Host.CreateBrowser();
        await Oidc.AuthorizeCodeAsync(Host, browser, account);

        await Host.FailSignInsAsync(account);

        var (verifier, challenge) = Oidc.Pkce();
        using var authorize = await browser.GetAsync(Oidc.AuthorizeUri(Host, Oidc.CodeRequest(challenge).Where(p => p.Value is not null).ToDictionary()));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Headers.Location!.Query);
        Assert.True(query.ContainsKey("code"), authorize.Headers.Location.ToString());
        Assert.False((await Oidc.RedeemAsync(Host, query["code"]!, verifier)).IsError);
    }

    [Fact]
    public async Task Changing_the_security_stamp_revokes_the_refresh_token()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        var tokens = await Oidc.SignInAsync(Host, account);

        using (var scope = Host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync(account.Email);
            await users.UpdateSecurityStampAsync(user!);
        }

        var refreshed = await Oidc.RefreshAsync(Host, tokens.RefreshToken!);
        Assert.Equal("invalid_grant", refreshed.Error);
    }

    [Fact]
    public async Task Signing_out_everywhere_revokes_every_session_of_the_user()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        var laptop = await Oidc.SignInAsync(Host, account);
        using var phoneBrowser = Host.CreateBrowser();
        var (code, verifier) = await Oidc.AuthorizeCodeAsync(Host, phoneBrowser, account);
        var phone = await Oidc.RedeemAsync(Host, code, verifier);

        using var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", laptop.AccessToken);
        using var response = await client.PostAsync("/api/v1/auth/signout-everywhere", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await Oidc.MeStatusAsync(Host, phone.AccessToken!));
        Assert.Equal("invalid_grant", (await Oidc.RefreshAsync(Host, phone.RefreshToken!)).Error);
        Assert.Equal("invalid_grant", (await Oidc.RefreshAsync(Host, laptop.RefreshToken!)).Error);
        // Identity's own cookie in the phone's browser has ended too: a new authorization asks for the password.
        using var authorize = await phoneBrowser.GetAsync(Oidc.AuthorizeUri(Host, Oidc.CodeRequest(Oidc.Pkce().Challenge).Where(p => p.Value is not null).ToDictionary()));
        Assert.Equal("/account/signin", authorize.Headers.Location?.AbsolutePath);
    }
}

/// <summary>The lock's timing, with a clock the test moves (no waiting, no timing assertion).</summary>
public sealed class LockoutTimingTests
{
    private static readonly Dictionary<string, string> ManyPostsPerMinute = new() { ["Identity:SignInAttemptsPerMinute"] = "10000" };

    [Fact]
    public async Task Sign_in_works_again_once_the_lock_has_ended()
    {
        var clock = new MovableClock();
        await using var host = await IdentityHost.StartAsync(time: clock, settings: ManyPostsPerMinute);
        var account = Account.New();
        await host.RegisterAsync(account);
        await host.FailSignInsAsync(account);
        using var browser = host.CreateBrowser();
        using (var locked = await host.SignInOnFormAsync(browser, account))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        }

        clock.Offset = TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1);

        using var signedIn = await host.SignInOnFormAsync(browser, account);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task Each_failure_after_a_lock_doubles_the_next_lock()
    {
        var clock = new MovableClock();
        await using var host = await IdentityHost.StartAsync(time: clock, settings: ManyPostsPerMinute);
        var account = Account.New();
        await host.RegisterAsync(account);
        await host.FailSignInsAsync(account);
        using var browser = host.CreateBrowser();
        // Retry-After counts down from the moment of the failure; the seconds these requests take are allowed for.
        using (var first = await host.SignInOnFormAsync(browser, account))
        {
            Assert.InRange(first.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        }

        clock.Offset = TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1);
        await host.FailSignInsAsync(account, attempts: 1);

        using var second = await host.SignInOnFormAsync(browser, account);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.InRange(second.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task Failed_sign_ins_from_one_client_address_across_accounts_slow_that_address_down()
    {
        await using var host = await IdentityHost.StartAsync(settings: new Dictionary<string, string>
        {
            ["Identity:SignInAttemptsPerMinute"] = "10000",
            ["Identity:FailedSignInsPerClientAddress"] = "4",
        });
        var account = Account.New();
        await host.RegisterAsync(account);
        for (var guess = 0; guess < 4; guess++)
        {
            await host.FailSignInsAsync(Account.New(), attempts: 1);
        }

        using var browser = host.CreateBrowser();
        using var refused = await host.SignInOnFormAsync(browser, account);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}
