using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient.Browser;

namespace AudioPlatform.Identity.Tests;

public sealed record Account(string Email, string Password)
{
    public static Account New() => new($"listener-{Guid.NewGuid():N}@example.com", "correct horse battery staple 42");
}

/// <summary>What a browser does on the hosted pages and the OpenID Connect endpoints, over plain HTTP.</summary>
public static partial class Oidc
{
    public const string Scopes = "openid email profile offline_access api";

    public static async Task RegisterAsync(this IdentityHost host, Account account)
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = account.Email, password = account.Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>
    /// Follows redirects from <paramref name="start"/> until one leaves for <paramref name="callback"/>,
    /// filling in the sign-in form (antiforgery token included) when it shows up.
    /// </summary>
    public static async Task<Uri> NavigateAsync(HttpClient browser, Uri start, Uri callback, Account account)
    {
        var url = start;
        for (var step = 0; step < 20; step++)
        {
            using var response = await browser.GetAsync(url);
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                var next = new Uri(url, response.Headers.Location!);
                if (next.GetLeftPart(UriPartial.Path) == callback.GetLeftPart(UriPartial.Path))
                {
                    return next;
                }

                url = next;
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && url.AbsolutePath == "/account/signin")
            {
                using var signedIn = await SubmitSignInAsync(browser, url, html, account);
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
                url = new Uri(url, signedIn.Headers.Location!);
                continue;
            }

            throw new Xunit.Sdk.XunitException($"Unexpected {(int)response.StatusCode} at {url}: {html}");
        }

        throw new Xunit.Sdk.XunitException("Too many redirects.");
    }

    public static async Task<HttpResponseMessage> SubmitSignInAsync(HttpClient browser, Uri page, string html, Account account)
    {
        var fields = new Dictionary<string, string>
        {
            ["Email"] = account.Email,
            ["Password"] = account.Password,
            ["ReturnUrl"] = HiddenField(html, "ReturnUrl") ?? "",
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
        };
        return await browser.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    /// <summary>Opens the sign-in page and posts the form with <paramref name="account"/>'s email address and password.</summary>
    public static async Task<HttpResponseMessage> SignInOnFormAsync(this IdentityHost host, HttpClient browser, Account account)
    {
        var page = new Uri(host.Address, "/account/signin");
        var html = await browser.GetStringAsync(page);
        return await SubmitSignInAsync(browser, page, html, account);
    }

    /// <summary>Wrong passwords posted on the sign-in form, as anyone can, until the account is locked.</summary>
    public static async Task FailSignInsAsync(this IdentityHost host, Account account, int attempts = 5)
    {
        using var browser = host.CreateBrowser();
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            using var failed = await host.SignInOnFormAsync(browser, account with { Password = $"wrong password {attempt}" });
            Assert.NotEqual(HttpStatusCode.Redirect, failed.StatusCode);
        }
    }

    public static string AntiforgeryToken(string html) =>
        HiddenField(html, "__RequestVerificationToken") ?? throw new Xunit.Sdk.XunitException("The form has no antiforgery token.");

    public static string? HiddenField(string html, string name)
    {
        var input = Regex.Matches(html, "<input[^>]*>").Select(match => match.Value)
            .FirstOrDefault(tag => tag.Contains($"name=\"{name}\"", StringComparison.Ordinal));
        var value = input is null ? null : Regex.Match(input, "value=\"([^\"]*)\"");
        return value is { Success: true } ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
    }

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = CryptoRandom.CreateUniqueId(43, CryptoRandom.OutputFormat.Base64Url);
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return (verifier, challenge);
    }

    public static Uri AuthorizeUri(IdentityHost host, IDictionary<string, string?> parameters) =>
        new(host.Address, "/connect/authorize" + Microsoft.AspNetCore.Http.QueryString.Create(parameters));

    public static Dictionary<string, string?> CodeRequest(string? challenge, string? method = "S256") => new()
    {
        ["client_id"] = IdentityHost.BffClientId,
        ["response_type"] = "code",
        ["redirect_uri"] = IdentityHost.BffRedirectUri.ToString(),
        ["scope"] = Scopes,
        ["state"] = Guid.NewGuid().ToString("N"),
        ["nonce"] = Guid.NewGuid().ToString("N"),
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = method,
    };

    /// <summary>Signs in through the authorization endpoint and returns the callback's query.</summary>
    public static async Task<Dictionary<string, string>> AuthorizeAsync(IdentityHost host, HttpClient browser, Account account, IDictionary<string, string?> parameters)
    {
        var callback = await NavigateAsync(browser, AuthorizeUri(host, parameters.Where(p => p.Value is not null).ToDictionary()), IdentityHost.BffRedirectUri, account);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query).ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
    }

    public static async Task<(string Code, string Verifier)> AuthorizeCodeAsync(IdentityHost host, HttpClient browser, Account account)
    {
        var (verifier, challenge) = Pkce();
        var query = await AuthorizeAsync(host, browser, account, CodeRequest(challenge));
        Assert.True(query.ContainsKey("code"), $"no code: {string.Join("&", query)}");
        return (query["code"], verifier);
    }

    public static async Task<TokenResponse> RedeemAsync(IdentityHost host, string code, string verifier)
    {
        using var client = host.CreateClient();
        return await client.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = "/connect/token",
            ClientId = IdentityHost.BffClientId,
            ClientSecret = IdentityHost.BffSecret,
            Code = code,
            RedirectUri = IdentityHost.BffRedirectUri.ToString(),
            CodeVerifier = verifier,
        });
    }

    public static async Task<TokenResponse> RefreshAsync(IdentityHost host, string refreshToken)
    {
        using var client = host.CreateClient();
        return await client.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = "/connect/token",
            ClientId = IdentityHost.BffClientId,
            ClientSecret = IdentityHost.BffSecret,
            RefreshToken = refreshToken,
        });
    }

    public static async Task<TokenResponse> SignInAsync(IdentityHost host, Account account)
    {
        using var browser = host.CreateBrowser();
        var (code, verifier) = await AuthorizeCodeAsync(host, browser, account);
        var tokens = await RedeemAsync(host, code, verifier);
        Assert.False(tokens.IsError, tokens.Error);
        return tokens;
    }

    public static async Task<HttpStatusCode> MeStatusAsync(IdentityHost host, string accessToken)
    {
        using var client = host.CreateClient();
        client.SetBearerToken(accessToken);
        using var response = await client.GetAsync("/api/v1/auth/me");
        return response.StatusCode;
    }

    public static JsonObject Payload(string jwt) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1]))!.AsObject();

    /// <summary>Changes a JWT's claims and signs it again with <paramref name="key"/>, header (and kid) unchanged.</summary>
    public static string Resign(string jwt, RSA key, Action<JsonObject> change)
    {
        var parts = jwt.Split('.');
        var payload = Payload(jwt);
        change(payload);
        var signed = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url.EncodeToString(signature);
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}

/// <summary>OidcClient's browser: the HTTP walk above, with a given account.</summary>
public sealed class FormFillingBrowser(HttpClient browser, Account account) : IBrowser
{
    public async Task<BrowserResult> InvokeAsync(BrowserOptions options, CancellationToken cancellationToken = default)
    {
        var callback = await Oidc.NavigateAsync(browser, new Uri(options.StartUrl), new Uri(options.EndUrl), account);
        return new BrowserResult { ResultType = BrowserResultType.Success, Response = callback.ToString() };
    }
}
