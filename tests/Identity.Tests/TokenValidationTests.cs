using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace AudioPlatform.Identity.Tests;

/// <summary>
/// <c>AddDefaultAuthentication()</c> (ServiceDefaults) in a separate service: signature, issuer,
/// audience and lifetime checked locally against Identity's published keys; 401/403 as problem details.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class TokenValidationTests(IdentityFixture fixture) : IAsyncLifetime
{
    private ValidatingService _service = null!;
    private string _accessToken = null!;

    private IdentityHost Host => fixture.Host;

    public async Task InitializeAsync()
    {
        _service = await ValidatingService.StartAsync(Host.Issuer, Host.Address);
        var account = Account.New();
        await Host.RegisterAsync(account);
        _accessToken = (await Oidc.SignInAsync(Host, account)).AccessToken!;
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task A_token_from_identity_is_accepted_and_names_the_user()
    {
        using var response = await _service.GetAsync("/whoami", _accessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Oidc.Payload(_accessToken)["sub"]!.GetValue<string>(), (await response.Content.ReadAsStringAsync()).Trim('"'));
    }

    [Fact]
    public async Task Identity_is_found_by_service_discovery_as_in_the_platform()
    {
        await using var service = await ValidatingService.StartAsync(Host.Issuer, new Uri("http://identity/"),
            new Dictionary<string, string> { ["services:identity:http:0"] = Host.Address.ToString().TrimEnd('/') });

        using var response = await service.GetAsync("/whoami", _accessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_token_gets_a_problem_details_401()
    {
        using var response = await _service.GetAsync("/whoami", accessToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_valid_token_without_the_needed_role_gets_a_problem_details_403()
    {
        using var response = await _service.GetAsync("/admin", _accessToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_re_signed_unchanged_with_identitys_key_is_accepted()
    {
        // The control for the forged tokens below: re-signing alone does not make a token fail.
        var token = Resign(_ => { });

        using var response = await _service.GetAsync("/whoami", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var past = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        var token = Resign(payload =>
        {
            payload["iat"] = past;
            payload["nbf"] = past;
            payload["exp"] = past + 900;
        });

        using var response = await _service.GetAsync("/whoami", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var token = Resign(payload => payload["aud"] = "another-api");

        using var response = await _service.GetAsync("/whoami", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_with_a_tampered_payload_is_refused()
    {
        var parts = _accessToken.Split('.');
        var payload = Oidc.Payload(_accessToken);
        payload["sub"] = Guid.NewGuid().ToString();
        var tampered = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";

        using var response = await _service.GetAsync("/whoami", tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await Oidc.MeStatusAsync(Host, tampered));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        using var otherKey = RSA.Create(2048);
        var token = Oidc.Resign(_accessToken, otherKey, _ => { });

        using var response = await _service.GetAsync("/whoami", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_from_another_identity_server_is_refused_though_its_own_services_accept_it()
    {
        await using var other = await IdentityHost.StartAsync(issuer: "http://other-issuer.test/");
        var account = Account.New();
        await other.RegisterAsync(account);
        var foreign = (await Oidc.SignInAsync(other, account)).AccessToken!;
        await using var otherService = await ValidatingService.StartAsync(other.Issuer, other.Address);

        using var refused = await _service.GetAsync("/whoami", foreign);
        using var accepted = await otherService.GetAsync("/whoami", foreign);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // The other server's issuer is not its address: the keys come from the authority all the same.
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("http://other-issuer.test/", Oidc.Payload(foreign)["iss"]!.GetValue<string>());
    }

    private string Resign(Action<JsonObject> change)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(Host.KeyDirectory, "signing.pfx"), null);
        using var key = certificate.GetRSAPrivateKey()!;
        return Oidc.Resign(_accessToken, key, change);
    }
}
