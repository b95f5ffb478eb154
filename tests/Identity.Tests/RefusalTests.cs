using System.Net;

namespace AudioPlatform.Identity.Tests;

/// <summary>What the authorization server must refuse (RFC 9700 §2.1.1, §4.14; RFC 6749 §4.1.2, §10.5).</summary>
[Collection(IdentityCollection.Name)]
public sealed class RefusalTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task An_authorization_request_without_pkce_is_refused()
    {
        var (status, body) = await AuthorizeAsync(Oidc.CodeRequest(challenge: null, method: null));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("invalid_request", body);
        Assert.Contains("code_challenge", body);
    }

    [Fact]
    public async Task An_authorization_request_with_plain_pkce_is_refused()
    {
        var (verifier, _) = Oidc.Pkce();

        var (status, body) = await AuthorizeAsync(Oidc.CodeRequest(challenge: verifier, method: "plain"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("invalid_request", body);
        Assert.Contains("code_challenge_method", body);
    }

    /// <summary>
    /// The request is refused before anyone signs in: no redirect to the sign-in page, and no code
    /// (the error is shown by Identity rather than sent to the redirect URI).
    /// </summary>
    private async Task<(HttpStatusCode Status, string Body)> AuthorizeAsync(Dictionary<string, string?> request)
    {
        using var browser = Host.CreateBrowser();
        using var response = await browser.GetAsync(Oidc.AuthorizeUri(Host, request.Where(p => p.Value is not null).ToDictionary()));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_code_redeemed_with_the_wrong_verifier_is_refused()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        using var browser = Host.CreateBrowser();
        var (code, _) = await Oidc.AuthorizeCodeAsync(Host, browser, account);
        var (otherVerifier, _) = Oidc.Pkce();

        var tokens = await Oidc.RedeemAsync(Host, code, otherVerifier);

        Assert.True(tokens.IsError);
        Assert.Equal("invalid_grant", tokens.Error);
        Assert.Null(tokens.AccessToken);
    }

    [Fact]
    public async Task A_code_redeemed_twice_is_refused_and_the_tokens_issued_from_it_are_revoked()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        using var browser = Host.CreateBrowser();
        var (code, verifier) = await Oidc.AuthorizeCodeAsync(Host, browser, account);
        var first = await Oidc.RedeemAsync(Host, code, verifier);
        Assert.False(first.IsError, first.Error);
        Assert.Equal(HttpStatusCode.OK, await Oidc.MeStatusAsync(Host, first.AccessToken!));

        var second = await Oidc.RedeemAsync(Host, code, verifier);

        Assert.Equal("invalid_grant", second.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, await Oidc.MeStatusAsync(Host, first.AccessToken!));
        Assert.Equal("invalid_grant", (await Oidc.RefreshAsync(Host, first.RefreshToken!)).Error);
    }

    [Fact]
    public async Task A_refresh_token_used_twice_is_refused_and_its_whole_family_is_revoked()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        var original = await Oidc.SignInAsync(Host, account);
        var rotated = await Oidc.RefreshAsync(Host, original.RefreshToken!);
        Assert.False(rotated.IsError, rotated.Error);
        Assert.NotEqual(original.RefreshToken, rotated.RefreshToken);

        var replay = await Oidc.RefreshAsync(Host, original.RefreshToken!);

        Assert.Equal("invalid_grant", replay.Error);
        Assert.Equal("invalid_grant", (await Oidc.RefreshAsync(Host, rotated.RefreshToken!)).Error);
        Assert.Equal(HttpStatusCode.Unauthorized, await Oidc.MeStatusAsync(Host, rotated.AccessToken!));
    }

    [Fact]
    public async Task The_password_grant_is_not_offered()
    {
        using var client = Host.CreateClient();

        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = IdentityHost.BffClientId,
            ["client_secret"] = IdentityHost.BffSecret,
            ["username"] = "someone@example.com",
            ["password"] = "correct horse battery staple 42",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unsupported_grant_type", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_implicit_flow_request_is_refused()
    {
        using var browser = Host.CreateBrowser();
        var request = Oidc.CodeRequest(challenge: null, method: null);
        request["response_type"] = "token";

        using var response = await browser.GetAsync(Oidc.AuthorizeUri(Host, request.Where(p => p.Value is not null).ToDictionary()));

        var location = response.Headers.Location?.ToString() ?? "";
        Assert.DoesNotContain("access_token", location);
        Assert.Contains("unsupported_response_type", location + await response.Content.ReadAsStringAsync());
    }
}
