using AudioPlatform.Gateway.Bff;
using AudioPlatform.Gateway.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Gateway.Tests;

/// <summary>
/// Identity and two Gateways in front of it, all on Kestrel: one as configured by default, and one
/// that renews the access token on every request (its margin is longer than the token's one-minute
/// lifetime), to exercise the refresh. Identity's issuer is the first Gateway's address, as in the platform.
/// </summary>
public sealed class WebSessionFixture : IAsyncLifetime
{
    /// <summary>Low, so that a flood is short; only the first Gateway has it.</summary>
    public const int UploadsPerWindow = 3;

    public Uri GatewayAddress { get; } = new($"http://127.0.0.1:{GatewayHost.FreePort()}/");

    public Uri RefreshingGatewayAddress { get; } = new($"http://127.0.0.1:{GatewayHost.FreePort()}/");

    /// <summary>A stand-in for the SPA's build: the pages the sign-in returns to are served, without depending on web/.</summary>
    public string WebBuild { get; } = Directory.CreateTempSubdirectory("audioplatform-gateway-dist-").FullName;

    public IdentityServer Identity { get; private set; } = null!;

    public WebApplicationFactory<ServiceHealthClient> Gateway { get; private set; } = null!;

    public WebApplicationFactory<ServiceHealthClient> RefreshingGateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(WebBuild, "index.html"), "<!doctype html><title>AudioPlatform</title><div id=\"root\"></div>");
        Identity = await IdentityServer.StartAsync(GatewayAddress.ToString(), [GatewayAddress, RefreshingGatewayAddress]);
        Gateway = GatewayHost.Listening(GatewayAddress, Settings(("RateLimits:UploadsPerWindow", UploadsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        RefreshingGateway = GatewayHost.Listening(RefreshingGatewayAddress, Settings(("Bff:RefreshBeforeExpiry", "00:30:00")));
    }

    public async Task DisposeAsync()
    {
        await RefreshingGateway.DisposeAsync();
        await Gateway.DisposeAsync();
        await Identity.DisposeAsync();
        Directory.Delete(WebBuild, recursive: true);
    }

    /// <summary>A registered user with a fresh browser signed in through <paramref name="gateway"/>.</summary>
    public async Task<(Browser Browser, Account Account)> SignedInAsync(Uri gateway)
    {
        var account = Account.New();
        var browser = new Browser(gateway);
        await browser.RegisterAsync(account);
        var landed = await browser.SignInAsync(account);
        Assert.Equal("/library", landed.Url.AbsolutePath);
        Assert.NotNull(browser.SessionCookieValue);
        return (browser, account);
    }

    /// <summary>The server-side session the cookie names, read the way the Gateway reads it.</summary>
    public static async Task<AuthenticationProperties?> StoredSessionAsync(WebApplicationFactory<ServiceHealthClient> gateway, string cookie)
    {
        var options = gateway.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(BffSchemes.Session);
        var key = options.TicketDataFormat.Unprotect(cookie)?.Principal.FindFirst("Microsoft.AspNetCore.Authentication.Cookies-SessionId")?.Value;
        var ticket = key is null ? null : await gateway.Services.GetRequiredService<ServerSideTicketStore>().RetrieveAsync(key);
        return ticket?.Properties;
    }

    private Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["services:identity:http:0"] = Identity.Address.ToString().TrimEnd('/'),
            ["Authentication:Issuer"] = GatewayAddress.ToString(),
            ["Bff:ClientSecret"] = IdentityServer.ClientSecret,
            ["RateLimits:SignInAttemptsPerWindow"] = "1000",
            ["Spa:RootPath"] = WebBuild,
        };
        foreach (var service in new[] { "ingest", "analysis", "library", "notify" })
        {
            settings[$"services:{service}:http:0"] = GatewayHost.NowhereAddress;
        }

        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}

[CollectionDefinition(Name)]
public sealed class WebSessionCollection : ICollectionFixture<WebSessionFixture>
{
    public const string Name = "web session";
}
