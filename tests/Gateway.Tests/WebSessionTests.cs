using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AudioPlatform.Gateway.Bff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;

namespace AudioPlatform.Gateway.Tests;

/// <summary>The web app's session at the Gateway against the real Identity: sign-in, API calls, CSRF, refresh, sign-out.</summary>
[Collection(WebSessionCollection.Name)]
public sealed class WebSessionTests(WebSessionFixture platform)
{
    [Fact]
    public async Task Login_redirects_to_identitys_authorize_page_on_the_gateway_with_a_S256_PKCE_challenge()
    {
        using var browser = new Browser(platform.GatewayAddress);

        using var response = await browser.Http.GetAsync("/api/v1/auth/login?returnUrl=/library");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var authorize = response.Headers.Location!;
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(platform.GatewayAddress.Authority, authorize.Authority);
        Assert.Equal("/connect/authorize", authorize.AbsolutePath);
        Assert.Equal("spa-bff", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.Equal(new Uri(platform.GatewayAddress, "/signin-oidc").ToString(), query["redirect_uri"]);
        Assert.Contains("offline_access", query["scope"].ToString());
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task A_return_url_off_the_site_is_replaced_by_the_home_page(string returnUrl)
    {
        var account = Account.New();
        using var browser = new Browser(platform.GatewayAddress);
        await browser.RegisterAsync(account);

        var landed = await browser.SignInAsync(account, returnUrl);

        Assert.Equal(platform.GatewayAddress.Authority, landed.Url.Authority);
        Assert.Equal("/", landed.Url.AbsolutePath);
    }

    [Fact]
    public async Task The_browser_signs_in_on_identitys_form_and_calls_the_api_with_the_session_cookie_only()
    {
        var account = Account.New();
        using var browser = new Browser(platform.GatewayAddress);
        await browser.RegisterAsync(account);

        var landed = await browser.SignInAsync(account);
        var me = await browser.Http.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");

        Assert.Contains(landed.Visited, step => step.AbsolutePath == "/account/signin");
        Assert.All(landed.Visited, step => Assert.Equal(platform.GatewayAddress.Authority, step.Authority));
        Assert.Equal("/library", landed.Url.AbsolutePath);
        Assert.Equal(account.Email, me.GetProperty("email").GetString());
        Assert.Null(browser.Http.DefaultRequestHeaders.Authorization);
    }

    [Fact]
    public async Task The_session_cookie_is_httponly_samesite_strict_small_and_holds_no_token()
    {
        var account = Account.New();
        using (var browser = new Browser(platform.GatewayAddress))
        {
            await browser.RegisterAsync(account);
        }

        var setCookie = await SetCookieOfSignInAsync(account);

        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        var value = setCookie.Split(';')[0];
        Assert.True(value.Length < 1000, $"the cookie has {value.Length} characters: the tokens belong on the server");
        Assert.DoesNotContain("eyJ", value);
    }

    [Fact]
    public async Task Uploads_are_limited_per_user_with_429_and_retry_after_while_another_user_goes_on()
    {
        var (flooder, _) = await platform.SignedInAsync(platform.GatewayAddress);
        var (other, _) = await platform.SignedInAsync(platform.GatewayAddress);
        using var _flooder = flooder;
        using var _other = other;

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < WebSessionFixture.UploadsPerWindow + 1; attempt++)
        {
            var response = await UploadAsync(flooder);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
                break;
            }

            response.Dispose();
        }

        using var _refused = refused;
        using var others = await UploadAsync(other);

        Assert.Equal(WebSessionFixture.UploadsPerWindow, statuses.Count(status => status != HttpStatusCode.TooManyRequests));
        Assert.NotNull(refused);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, others.StatusCode);
    }

    private static Task<HttpResponseMessage> UploadAsync(Browser browser)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "a.wav" } };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/audio/upload") { Content = form };
        request.Headers.Add(BffSchemes.AntiforgeryHeader, BffSchemes.AntiforgeryHeaderValue);
        return browser.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("POST", "/api/v1/audio/analyze")]
    [InlineData("DELETE", "/api/v1/audio/00000000-0000-0000-0000-000000000001")]
    [InlineData("POST", "/api/v1/auth/logout")]
    public async Task A_state_changing_request_with_the_session_cookie_but_without_the_antiforgery_header_is_refused(string method, string path)
    {
        var (browser, _) = await platform.SignedInAsync(platform.GatewayAddress);
        using var _browser = browser;

        using var response = await browser.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var stillSignedIn = await browser.Http.GetAsync("/api/v1/auth/me");
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    [Fact]
    public async Task Without_a_session_an_api_call_gets_401_problem_details_not_a_redirect()
    {
        using var browser = new Browser(platform.GatewayAddress);

        using var response = await browser.Http.GetAsync("/api/v1/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token_ends_the_session_and_identitys_sign_in()
    {
        var (browser, account) = await platform.SignedInAsync(platform.GatewayAddress);
        using var _browser = browser;
        var oldCookie = browser.SessionCookieValue!;
        var session = (await WebSessionFixture.StoredSessionAsync(platform.Gateway, oldCookie))!;
        var refreshToken = session.GetTokenValue("refresh_token")!;

        using var logout = await browser.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout")
        {
            Headers = { { BffSchemes.AntiforgeryHeader, BffSchemes.AntiforgeryHeaderValue } },
        });
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/connect/endsession", logout.Headers.Location!.AbsolutePath);
        Assert.Contains("id_token_hint=", logout.Headers.Location.Query);
        var signedOut = await browser.NavigateAsync(new Uri(platform.GatewayAddress, "/api/v1/auth/logout"), first: logout);

        Assert.Equal("/", signedOut.Url.AbsolutePath);
        Assert.Null(browser.SessionCookieValue);
        Assert.Null(await WebSessionFixture.StoredSessionAsync(platform.Gateway, oldCookie));
        using (var replayed = new HttpClient { BaseAddress = platform.GatewayAddress })
        {
            replayed.DefaultRequestHeaders.Add("Cookie", $"{Browser.SessionCookie}={oldCookie}");
            using var me = await replayed.GetAsync("/api/v1/auth/me");
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        }

        using (var identity = new HttpClient { BaseAddress = platform.Identity.Address })
        {
            using var refresh = await identity.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = "spa-bff",
                ["client_secret"] = IdentityServer.ClientSecret,
            }));
            Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
            Assert.Equal("invalid_grant", (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }

        // Identity's own sign-in ended too: signing in again asks for the password.
        var again = await browser.SignInAsync(account);
        Assert.Contains(again.Visited, step => step.AbsolutePath == "/account/signin");
    }

    [Fact]
    public async Task An_expiring_access_token_is_renewed_once_even_when_requests_race()
    {
        var (browser, _) = await platform.SignedInAsync(platform.RefreshingGatewayAddress);
        using var _browser = browser;
        var before = (await WebSessionFixture.StoredSessionAsync(platform.RefreshingGateway, browser.SessionCookieValue!))!;

        // Refresh tokens rotate without grace at Identity: two refreshes with the same one would
        // revoke the whole sign-in. Racing requests must share one refresh at a time.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await browser.Http.GetAsync("/api/v1/auth/me");
            return response.StatusCode;
        }));
        using var afterwards = await browser.Http.GetAsync("/api/v1/auth/me");
        var after = (await WebSessionFixture.StoredSessionAsync(platform.RefreshingGateway, browser.SessionCookieValue!))!;

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.NotEqual(before.GetTokenValue("refresh_token"), after.GetTokenValue("refresh_token"));
        Assert.NotEqual(before.GetTokenValue("access_token"), after.GetTokenValue("access_token"));
    }

    [Fact]
    public async Task The_web_session_keeps_working_while_someone_locks_its_user_out_with_wrong_passwords()
    {
        // This Gateway renews the access token on every request: each call below is a refresh at Identity.
        var (browser, account) = await platform.SignedInAsync(platform.RefreshingGatewayAddress);
        using var _browser = browser;
        Navigation attempt;
        using (var attacker = new Browser(platform.GatewayAddress))
        {
            for (var guess = 0; guess < 5; guess++)
            {
                await attacker.NavigateAsync(new Uri(platform.GatewayAddress, "/account/signin"), account with { Password = $"guess {guess}" });
            }

            attempt = await attacker.NavigateAsync(new Uri(platform.GatewayAddress, "/account/signin"), account);
        }

        using var me = await browser.Http.GetAsync("/api/v1/auth/me");
        using var again = await browser.Http.GetAsync("/api/v1/auth/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, attempt.Status);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_web_session()
    {
        var (browser, _) = await platform.SignedInAsync(platform.RefreshingGatewayAddress);
        using var _browser = browser;

        using var signOut = await browser.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/signout-everywhere")
        {
            Headers = { { BffSchemes.AntiforgeryHeader, BffSchemes.AntiforgeryHeaderValue } },
        });
        using var me = await browser.Http.GetAsync("/api/v1/auth/me");

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task A_request_with_its_own_bearer_token_is_forwarded_untouched_and_needs_no_antiforgery_header()
    {
        var (browser, _) = await platform.SignedInAsync(platform.GatewayAddress);
        using var _browser = browser;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Authorization = new("Bearer", "not-a-token");
        using var foreign = await browser.Http.SendAsync(request);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/audio/analyze") { Content = JsonContent.Create(new { }) };
        post.Headers.Authorization = new("Bearer", "not-a-token");
        using var posted = await browser.Http.SendAsync(post);

        // The session's token was not put in its place: Identity saw the bad one and refused it.
        Assert.Equal(HttpStatusCode.Unauthorized, foreign.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, posted.StatusCode);
    }

    private async Task<string> SetCookieOfSignInAsync(Account account)
    {
        using var browser = new Browser(platform.GatewayAddress);
        using var login = await browser.Http.GetAsync("/api/v1/auth/login");
        var url = new Uri(platform.GatewayAddress, login.Headers.Location!);
        for (var step = 0; step < 20; step++)
        {
            using var response = await browser.Http.GetAsync(url);
            if (url.AbsolutePath == "/signin-oidc")
            {
                return string.Join("\n", response.Headers.GetValues("Set-Cookie").Where(value => value.StartsWith(Browser.SessionCookie, StringComparison.Ordinal)));
            }

            if (url.AbsolutePath == "/account/signin" && response.StatusCode == HttpStatusCode.OK)
            {
                var html = await response.Content.ReadAsStringAsync();
                using var posted = await browser.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Email"] = account.Email,
                    ["Password"] = account.Password,
                    ["ReturnUrl"] = Browser.HiddenField(html, "ReturnUrl") ?? "",
                    ["__RequestVerificationToken"] = Browser.HiddenField(html, "__RequestVerificationToken")!,
                }));
                url = new Uri(url, posted.Headers.Location!);
                continue;
            }

            url = new Uri(url, response.Headers.Location!);
        }

        throw new Xunit.Sdk.XunitException("The sign-in never reached /signin-oidc.");
    }
}
