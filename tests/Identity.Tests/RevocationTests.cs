using System.Net;
using System.Net.Http.Json;
using AudioPlatform.Contracts;
using Duende.IdentityModel.Client;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AudioPlatform.Identity.Tests;

/// <summary>
/// Revocation reaches the services that validate tokens locally: Identity announces each one on the bus (here
/// MassTransit's in-memory harness) and lists the revoked, unexpired access tokens for services that start later or
/// missed an event; <c>AddDefaultAuthentication()</c> (ServiceDefaults) fetches that list and refuses what it names.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class RevocationTests(IdentityFixture fixture)
{
    // How long a service may take to fetch the list after it starts, or after its refresh interval: generous, polled.
    private static readonly TimeSpan ListDeadline = TimeSpan.FromSeconds(30);

    private IdentityHost Host => fixture.Host;

    private ITestHarness Bus => Host.Services.GetRequiredService<ITestHarness>();

    [Fact]
    public async Task Revoking_an_access_token_announces_its_id_and_expiry_and_nothing_about_its_sign_in()
    {
        var tokens = await SignedInAsync();
        var claims = Oidc.Payload(tokens.AccessToken!);
        var tokenId = claims["oi_tkn_id"]!.GetValue<string>();
        var authorizationId = claims["oi_au_id"]!.GetValue<string>();

        await Oidc.RevokeAsync(Host, tokens.AccessToken!, "access_token");

        Assert.True(await Bus.Published.Any<AccessTokenRevoked>(published =>
            published.Context.Message.TokenId == tokenId
            && SameSecond(published.Context.Message.ExpiresAt, claims)
            && published.Context.Message.UserId == claims["sub"]!.GetValue<string>()));
        Assert.False(await Bus.Published.Any<AuthorizationRevoked>(published => published.Context.Message.AuthorizationId == authorizationId));
        Assert.Equal(HttpStatusCode.OK, (await Oidc.RefreshAsync(Host, tokens.RefreshToken!)).HttpStatusCode);
    }

    [Fact]
    public async Task Revoking_a_refresh_token_ends_its_sign_in_so_its_access_token_is_refused_and_the_end_is_announced()
    {
        var tokens = await SignedInAsync();
        var claims = Oidc.Payload(tokens.AccessToken!);
        var authorizationId = claims["oi_au_id"]!.GetValue<string>();

        await Oidc.RevokeAsync(Host, tokens.RefreshToken!, "refresh_token");

        Assert.Equal(HttpStatusCode.Unauthorized, await Oidc.MeStatusAsync(Host, tokens.AccessToken!));
        Assert.True(await Bus.Published.Any<AuthorizationRevoked>(published =>
            published.Context.Message.AuthorizationId == authorizationId
            && published.Context.Message.UserId == claims["sub"]!.GetValue<string>()
            && published.Context.Message.TokensExpireBy >= DateTimeOffset.FromUnixTimeSeconds(claims["exp"]!.GetValue<long>())));
    }

    [Fact]
    public async Task Presenting_a_spent_refresh_token_again_announces_the_end_of_the_sign_in()
    {
        var original = await SignedInAsync();
        var rotated = await Oidc.RefreshAsync(Host, original.RefreshToken!);
        Assert.False(rotated.IsError, rotated.Error);

        Assert.Equal("invalid_grant", (await Oidc.RefreshAsync(Host, original.RefreshToken!)).Error);

        var authorizationId = Oidc.Payload(rotated.AccessToken!)["oi_au_id"]!.GetValue<string>();
        Assert.True(await Bus.Published.Any<AuthorizationRevoked>(published => published.Context.Message.AuthorizationId == authorizationId));
    }

    [Fact]
    public async Task The_revocation_list_names_a_revoked_access_token_and_not_a_valid_one()
    {
        var revoked = await SignedInAsync();
        var valid = await SignedInAsync();
        await Oidc.RevokeAsync(Host, revoked.AccessToken!, "access_token");

        using var client = Host.CreateClient();
        var list = await client.GetFromJsonAsync<RevokedAccessToken[]>("/" + PlatformAuthentication.RevocationListPath);

        var entry = Assert.Single(list!, token => token.TokenId == TokenId(revoked.AccessToken!));
        Assert.True(SameSecond(entry.ExpiresAt, Oidc.Payload(revoked.AccessToken!)), $"listed as expiring at {entry.ExpiresAt:O}");
        Assert.DoesNotContain(list!, token => token.TokenId == TokenId(valid.AccessToken!));
    }

    [Fact]
    public async Task A_service_started_after_a_revocation_refuses_the_revoked_token_and_accepts_others()
    {
        var revoked = await SignedInAsync();
        var valid = await SignedInAsync();
        await Oidc.RevokeAsync(Host, revoked.AccessToken!, "access_token");

        await using var service = await ValidatingService.StartAsync(Host.Issuer, Host.Address);

        Assert.True(await RefusedWithinAsync(service, revoked.AccessToken!, ListDeadline), "the revoked token was still accepted");
        using var accepted = await service.GetAsync("/whoami", valid.AccessToken);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_running_service_that_missed_the_announcement_refuses_the_token_after_its_next_list_refresh()
    {
        // The validating service is on no bus, as a service whose broker is down: only the list can tell it.
        var tokens = await SignedInAsync();
        await using var service = await ValidatingService.StartAsync(Host.Issuer, Host.Address,
            new Dictionary<string, string> { ["Authentication:RevocationListRefreshInterval"] = "00:00:05" });
        using (var before = await service.GetAsync("/whoami", tokens.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await Oidc.RevokeAsync(Host, tokens.AccessToken!, "access_token");

        Assert.True(await RefusedWithinAsync(service, tokens.AccessToken!, ListDeadline), "the revoked token was still accepted");
    }

    private async Task<TokenResponse> SignedInAsync()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        return await Oidc.SignInAsync(Host, account);
    }

    /// <summary>The token store keeps the expiry to the tick, the JWT's <c>exp</c> to the second.</summary>
    private static bool SameSecond(DateTimeOffset expiresAt, System.Text.Json.Nodes.JsonObject claims) =>
        expiresAt.ToUnixTimeSeconds() == claims["exp"]!.GetValue<long>();

    private static string TokenId(string accessToken) => Oidc.Payload(accessToken)["oi_tkn_id"]!.GetValue<string>();

    /// <summary>Asks every half second until the service answers 401, up to <paramref name="deadline"/>.</summary>
    private static async Task<bool> RefusedWithinAsync(ValidatingService service, string accessToken, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            using var response = await service.GetAsync("/whoami", accessToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        return false;
    }
}
