using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using Microsoft.AspNetCore.Http;

namespace AudioPlatform.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed class CodeFlowTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    private OidcClient NewOidcClient(HttpClient browser, Account account) => new(new OidcClientOptions
    {
        Authority = Host.Address.ToString().TrimEnd('/'),
        ClientId = IdentityHost.BffClientId,
        ClientSecret = IdentityHost.BffSecret,
        RedirectUri = IdentityHost.BffRedirectUri.ToString(),
        Scope = Oidc.Scopes,
        Browser = new FormFillingBrowser(browser, account),
        Policy = new Policy { Discovery = new DiscoveryPolicy { RequireHttps = false } },
    });

    [Fact]
    public async Task OidcClient_signs_in_with_code_and_pkce_through_the_hosted_form_then_refreshes_and_revokes()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        using var browser = Host.CreateBrowser();
        var client = NewOidcClient(browser, account);

        var login = await client.LoginAsync(new LoginRequest());

        Assert.False(login.IsError, login.Error);
        Assert.Equal(account.Email, login.User.FindFirst("email")?.Value);
        var payload = Oidc.Payload(login.AccessToken);
        Assert.Equal(Host.Issuer, payload["iss"]!.GetValue<string>());
        Assert.Contains("audioplatform-api", payload["aud"]!.ToJsonString());
        Assert.Equal(900, payload["exp"]!.GetValue<long>() - payload["iat"]!.GetValue<long>());
        using (var api = Host.CreateClient())
        {
            api.SetBearerToken(login.AccessToken);
            var me = await api.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
            Assert.Equal(account.Email, me.GetProperty("email").GetString());
        }

        var refreshed = await client.RefreshTokenAsync(login.RefreshToken);

        Assert.False(refreshed.IsError, refreshed.Error);
        Assert.NotEqual(login.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await Oidc.MeStatusAsync(Host, refreshed.AccessToken));

        using var http = Host.CreateClient();
        var revocation = await http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = "/connect/revoke",
            ClientId = IdentityHost.BffClientId,
            ClientSecret = IdentityHost.BffSecret,
            Token = refreshed.RefreshToken,
            TokenTypeHint = "refresh_token",
        });
        Assert.False(revocation.IsError, revocation.Error);

        var afterRevocation = await client.RefreshTokenAsync(refreshed.RefreshToken);
        Assert.True(afterRevocation.IsError);
        Assert.Equal("invalid_grant", afterRevocation.Error);
    }

    [Fact]
    public async Task A_revoked_access_token_is_refused_by_identity()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        var tokens = await Oidc.SignInAsync(Host, account);

        using var http = Host.CreateClient();
        var revocation = await http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = "/connect/revoke",
            ClientId = IdentityHost.BffClientId,
            ClientSecret = IdentityHost.BffSecret,
            Token = tokens.AccessToken!,
            TokenTypeHint = "access_token",
        });

        Assert.False(revocation.IsError, revocation.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, await Oidc.MeStatusAsync(Host, tokens.AccessToken!));
    }

    [Fact]
    public async Task End_session_with_the_clients_id_token_signs_out_and_returns_to_the_client()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        using var browser = Host.CreateBrowser();
        var (code, verifier) = await Oidc.AuthorizeCodeAsync(Host, browser, account);
        var tokens = await Oidc.RedeemAsync(Host, code, verifier);

        using var endSession = await browser.GetAsync("/connect/endsession" + QueryString.Create(new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.IdentityToken,
            ["post_logout_redirect_uri"] = "http://127.0.0.1:1/signout-callback-oidc",
            ["state"] = "xyz",
        }));

        Assert.Equal(HttpStatusCode.Redirect, endSession.StatusCode);
        Assert.StartsWith("http://127.0.0.1:1/signout-callback-oidc?state=xyz", endSession.Headers.Location?.ToString());
        Assert.Equal("/account/signin", await AuthorizeRedirectPathAsync(browser));
    }

    [Fact]
    public async Task End_session_without_an_id_token_signs_out_only_once_the_user_confirms()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        using var browser = Host.CreateBrowser();
        await Oidc.AuthorizeCodeAsync(Host, browser, account);

        using var unconfirmed = await browser.GetAsync("/connect/endsession");
        Assert.Equal("/account/signout", new Uri(Host.Address, unconfirmed.Headers.Location!).AbsolutePath);
        Assert.Equal(IdentityHost.BffRedirectUri.AbsolutePath, await AuthorizeRedirectPathAsync(browser));

        var form = await browser.GetStringAsync(unconfirmed.Headers.Location);
        Assert.Contains("<button type=\"submit\">Sign out</button>", form);
        using var confirmed = await browser.PostAsync("/connect/endsession", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Oidc.AntiforgeryToken(form),
        }));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/account/signin", await AuthorizeRedirectPathAsync(browser));
    }

    /// <summary>Where a new authorization request sends the browser: the client (still signed in) or the sign-in page.</summary>
    private async Task<string> AuthorizeRedirectPathAsync(HttpClient browser)
    {
        var (_, challenge) = Oidc.Pkce();
        using var response = await browser.GetAsync(Oidc.AuthorizeUri(Host, Oidc.CodeRequest(challenge)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new Uri(Host.Address, response.Headers.Location!).AbsolutePath;
    }

    [Fact]
    public async Task Discovery_offers_code_refresh_and_device_grants_with_S256_only()
    {
        using var client = Host.CreateClient();

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        Assert.Equal(Host.Issuer, discovery.GetProperty("issuer").GetString());
        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()!).Order().ToArray();
        Assert.Equal(["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"], grants);
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(["code"], discovery.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()!));
        foreach (var endpoint in new[] { "end_session_endpoint", "userinfo_endpoint", "revocation_endpoint", "device_authorization_endpoint", "jwks_uri" })
        {
            Assert.StartsWith(Host.Address.ToString(), discovery.GetProperty(endpoint).GetString());
        }
    }
}
