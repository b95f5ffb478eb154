using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPlatform.Gateway.Infrastructure;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AudioPlatform.Identity.Tests;

/// <summary>
/// The real Gateway (its appsettings.json routes, service discovery to Identity) in front of Identity,
/// whose issuer is the Gateway's address: a client that only knows the Gateway signs in, and every
/// page the browser is sent to is on the Gateway.
/// </summary>
public sealed class GatewayRoutingTests : IAsyncLifetime
{
    private WebApplicationFactory<ServiceHealthClient> _gateway = null!;
    private IdentityHost _identity = null!;
    private Uri _gatewayAddress = null!;

    public async Task InitializeAsync()
    {
        var gatewayPort = IdentityHost.FreePort();
        _gatewayAddress = new Uri($"http://127.0.0.1:{gatewayPort}/");
        _identity = await IdentityHost.StartAsync(issuer: _gatewayAddress.ToString());
        _gateway = new WebApplicationFactory<ServiceHealthClient>().WithWebHostBuilder(web =>
        {
            // Not Development (no development defaults) and not Production, whose safety rules refuse plain http.
            web.UseEnvironment("Staging");
            web.UseSetting(WebHostDefaults.ServerUrlsKey, _gatewayAddress.ToString());
            web.UseSetting("services:identity:http:0", _identity.Address.ToString().TrimEnd('/'));
            // The Gateway validates bearer tokens too (to tell users apart for its limits), like every service.
            web.UseSetting("Authentication:Issuer", _gatewayAddress.ToString());
        });
        _gateway.UseKestrel();
        _gateway.StartServer();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task OidcClient_signs_in_through_the_gateway_and_the_token_names_the_gateway_as_issuer()
    {
        var account = Account.New();
        using (var api = new HttpClient { BaseAddress = _gatewayAddress })
        {
            using var registered = await api.PostAsJsonAsync("/api/v1/auth/register", new { email = account.Email, password = account.Password });
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        var visited = new List<Uri>();
        using var browser = new HttpClient(new RecordingHandler(visited, new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }));
        var client = new OidcClient(new OidcClientOptions
        {
            Authority = _gatewayAddress.ToString().TrimEnd('/'),
            ClientId = IdentityHost.BffClientId,
            ClientSecret = IdentityHost.BffSecret,
            RedirectUri = IdentityHost.BffRedirectUri.ToString(),
            Scope = Oidc.Scopes,
            Browser = new FormFillingBrowser(browser, account),
            Policy = new Policy { Discovery = new DiscoveryPolicy { RequireHttps = false } },
        });

        var login = await client.LoginAsync(new LoginRequest());

        Assert.False(login.IsError, login.Error);
        Assert.Equal(_gatewayAddress.ToString(), Oidc.Payload(login.AccessToken)["iss"]!.GetValue<string>());
        Assert.Contains(visited, uri => uri.AbsolutePath == "/account/signin");
        Assert.All(visited, uri => Assert.Equal(_gatewayAddress.Authority, uri.Authority));
        using var me = new HttpClient { BaseAddress = _gatewayAddress };
        me.DefaultRequestHeaders.Authorization = new("Bearer", login.AccessToken);
        var user = await me.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        Assert.Equal(account.Email, user.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Identitys_discovery_asked_directly_keeps_the_gateway_issuer_but_lists_its_own_endpoints()
    {
        using var direct = _identity.CreateClient();

        var discovery = await direct.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        Assert.Equal(_gatewayAddress.ToString(), discovery.GetProperty("issuer").GetString());
        Assert.StartsWith(_identity.Address.ToString(), discovery.GetProperty("jwks_uri").GetString());
    }

    private sealed class RecordingHandler(List<Uri> visited, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            visited.Add(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
