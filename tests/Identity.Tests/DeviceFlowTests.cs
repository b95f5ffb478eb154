using System.Net;
using Duende.IdentityModel.Client;

namespace AudioPlatform.Identity.Tests;

/// <summary>The command-line tool's sign-in (RFC 8628): a code shown on the device, confirmed in a browser.</summary>
[Collection(IdentityCollection.Name)]
public sealed class DeviceFlowTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task The_cli_gets_tokens_once_the_signed_in_user_confirms_its_code()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        using var cli = Host.CreateClient();
        var device = await cli.RequestDeviceAuthorizationAsync(new DeviceAuthorizationRequest
        {
            Address = "/connect/device",
            ClientId = IdentityHost.CliClientId,
            Scope = "openid offline_access api",
        });
        Assert.False(device.IsError, device.Error);
        var pending = await RequestTokenAsync(cli, device.DeviceCode!);
        Assert.Equal("authorization_pending", pending.Error);

        using var browser = Host.CreateBrowser();
        var verification = await SignInAndOpenAsync(browser, new Uri(device.VerificationUriComplete!), account);
        Assert.Contains(device.UserCode!, verification);
        using var confirmed = await browser.PostAsync(new Uri(Host.Address, "/connect/verify"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user_code"] = device.UserCode!,
            ["decision"] = "allow",
            ["__RequestVerificationToken"] = Oidc.AntiforgeryToken(verification),
        }));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        var tokens = await RequestTokenAsync(cli, device.DeviceCode!);

        Assert.False(tokens.IsError, tokens.Error);
        Assert.NotNull(tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await Oidc.MeStatusAsync(Host, tokens.AccessToken!));
    }

    [Fact]
    public async Task A_denied_device_code_gets_no_tokens()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        using var cli = Host.CreateClient();
        var device = await cli.RequestDeviceAuthorizationAsync(new DeviceAuthorizationRequest
        {
            Address = "/connect/device",
            ClientId = IdentityHost.CliClientId,
            Scope = "openid offline_access api",
        });
        using var browser = Host.CreateBrowser();
        var verification = await SignInAndOpenAsync(browser, new Uri(device.VerificationUriComplete!), account);

        using var denied = await browser.PostAsync(new Uri(Host.Address, "/connect/verify"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user_code"] = device.UserCode!,
            ["decision"] = "deny",
            ["__RequestVerificationToken"] = Oidc.AntiforgeryToken(verification),
        }));

        Assert.Equal("access_denied", (await RequestTokenAsync(cli, device.DeviceCode!)).Error);
    }

    [Fact]
    public async Task An_unknown_code_on_the_verification_page_is_shown_next_to_its_field()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        using var browser = Host.CreateBrowser();

        var html = await SignInAndOpenAsync(browser, new Uri(Host.Address, "/connect/verify?user_code=WRONGCODE"), account);

        Assert.Contains("<p class=\"field-error\" id=\"user_code-error\">This code is not valid or has expired.", html);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"user_code-error\"", html);
        Assert.Contains("name=\"user_code\" value=\"WRONGCODE\"", html);
        Assert.Contains("role=\"alert\"", html);
    }

    [Fact]
    public async Task Allowing_an_unknown_code_shows_that_it_is_not_valid()
    {
        var account = Account.New();
        await Host.RegisterAsync(account);
        using var browser = Host.CreateBrowser();
        await SignInAndOpenAsync(browser, new Uri(Host.Address, "/connect/verify"), account);
        // The code form is a GET; any of this signed-in browser's forms gives a valid antiforgery token.
        var form = await browser.GetStringAsync("/account/signout");

        using var allowed = await browser.PostAsync(new Uri(Host.Address, "/connect/verify"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user_code"] = "WRONGCODE",
            ["decision"] = "allow",
            ["__RequestVerificationToken"] = Oidc.AntiforgeryToken(form),
        }));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("This code is not valid or has expired.", await allowed.Content.ReadAsStringAsync());
    }

    private static Task<TokenResponse> RequestTokenAsync(HttpClient cli, string deviceCode) =>
        cli.RequestDeviceTokenAsync(new DeviceTokenRequest
        {
            Address = "/connect/token",
            ClientId = IdentityHost.CliClientId,
            DeviceCode = deviceCode,
        });

    /// <summary>Opens the verification page, signing in first when sent to the sign-in page.</summary>
    private static async Task<string> SignInAndOpenAsync(HttpClient browser, Uri verification, Account account)
    {
        var url = verification;
        for (var step = 0; step < 10; step++)
        {
            using var response = await browser.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                url = new Uri(url, response.Headers.Location!);
            }
            else if (url.AbsolutePath == "/account/signin")
            {
                using var signedIn = await Oidc.SubmitSignInAsync(browser, url, html, account);
                url = new Uri(url, signedIn.Headers.Location!);
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return html;
            }
        }

        throw new Xunit.Sdk.XunitException("Too many redirects.");
    }
}
