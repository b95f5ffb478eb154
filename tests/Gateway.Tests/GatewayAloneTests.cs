using System.Net;
using AudioPlatform.Gateway.Apis;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Gateway.Tests;

/// <summary>What the Gateway does on its own: headers, CORS, the SPA's files, the sign-in limit, its options.</summary>
public sealed class GatewayAloneTests
{
    [Theory]
    [InlineData("/api/v1/status")]
    [InlineData("/")]
    [InlineData("/api/v1/nothing-here")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        await using var gateway = GatewayHost.Alone(new Dictionary<string, string?> { ["Spa:RootPath"] = MissingFolder() });
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task A_preflight_from_a_foreign_origin_is_granted_nothing()
    {
        await using var gateway = GatewayHost.Alone();
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(Preflight("https://evil.example"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task An_origin_on_the_allow_list_is_granted_its_preflight()
    {
        await using var gateway = GatewayHost.Alone(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://studio.example" });
        using var client = gateway.CreateClient();

        using var allowed = await client.SendAsync(Preflight("https://studio.example"));
        using var other = await client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal("https://studio.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Without_a_web_build_a_page_gets_an_explanatory_404_and_the_api_is_unaffected()
    {
        await using var gateway = GatewayHost.Alone(new Dictionary<string, string?> { ["Spa:RootPath"] = MissingFolder() });
        using var client = gateway.CreateClient();

        using var page = await client.GetAsync("/library");
        using var status = await client.GetAsync("/api/v1/status");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("npm run build", await page.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task The_web_build_is_served_with_index_html_for_page_paths_but_not_for_api_paths()
    {
        var dist = Directory.CreateTempSubdirectory("audioplatform-dist-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dist, "assets"));
            await File.WriteAllTextAsync(Path.Combine(dist, "index.html"), "<!doctype html><div id=\"root\"></div><script type=\"module\" src=\"/assets/app-1.js\"></script>");
            await File.WriteAllTextAsync(Path.Combine(dist, "assets", "app-1.js"), "console.log('app');");
            await using var gateway = GatewayHost.Alone(new Dictionary<string, string?> { ["Spa:RootPath"] = dist });
            using var client = gateway.CreateClient();

            using var deepLink = await client.GetAsync("/tracks/42");
            using var script = await client.GetAsync("/assets/app-1.js");
            using var unknownApi = await client.GetAsync("/api/v1/nothing-here");
            using var missingFile = await client.GetAsync("/assets/missing-2.js");

            Assert.Equal(HttpStatusCode.OK, deepLink.StatusCode);
            Assert.Contains("id=\"root\"", await deepLink.Content.ReadAsStringAsync());
            Assert.Equal("no-cache", deepLink.Headers.CacheControl?.ToString());
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Contains("immutable", script.Headers.CacheControl?.ToString());
            Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
            Assert.Equal("application/problem+json", unknownApi.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.NotFound, missingFile.StatusCode);
        }
        finally
        {
            Directory.Delete(dist, recursive: true);
        }
    }

    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_get_429_with_retry_after_and_problem_details()
    {
        await using var gateway = GatewayHost.Alone(new Dictionary<string, string?> { ["RateLimits:SignInAttemptsPerWindow"] = "3" });
        using var client = gateway.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var allowed = await client.PostAsync("/account/signin", new FormUrlEncodedContent([]));
            statuses.Add(allowed.StatusCode);
        }

        using var refused = await client.PostAsync("/account/signin", new FormUrlEncodedContent([]));
        using var registration = await client.PostAsync("/api/v1/auth/register", new FormUrlEncodedContent([]));
        using var page = await client.GetAsync("/account/signin");

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, registration.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, page.StatusCode);
    }

    [Fact]
    public async Task Diagnostics_calls_beyond_the_limit_get_429_with_retry_after_and_problem_details_and_nothing_else_is_limited()
    {
        await using var gateway = GatewayHost.Alone(new Dictionary<string, string?> { ["RateLimits:DiagnosticsPerWindow"] = "2" });
        using var client = gateway.CreateClient();

        using var first = await client.PostAsync("/api/v1/ingest/diagnostics/ping", null);
        using var second = await client.GetAsync($"/api/v1/notify/diagnostics/pings/{Guid.NewGuid()}");
        using var ping = await client.PostAsync("/api/v1/ingest/diagnostics/ping", null);
        using var echo = await client.GetAsync("/api/v1/notify/diagnostics/echo");
        using var status = await client.GetAsync("/api/v1/status");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second.StatusCode);
        foreach (var refused in new[] { ping, echo })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("diagnostics", await refused.Content.ReadAsStringAsync());
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, status.StatusCode);
    }

    [Fact]
    public async Task Logout_without_the_antiforgery_header_is_refused_even_without_a_session()
    {
        await using var gateway = GatewayHost.Alone();
        using var client = gateway.CreateClient();

        using var refused = await client.PostAsync("/api/v1/auth/logout", null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout") { Headers = { { "X-CSRF", "1" } } };
        using var accepted = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
    }

    [Fact]
    public async Task Login_answers_503_when_the_client_secret_is_not_configured()
    {
        await using var gateway = GatewayHost.Alone();
        using var client = gateway.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/api/v1/auth/login");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("RateLimits:UploadsPerWindow", "0")]
    [InlineData("RateLimits:DiagnosticsPerWindow", "0")]
    [InlineData("RateLimits:SignInWindow", "00:00:00")]
    [InlineData("Bff:ClientSecret", "too-short")]
    [InlineData("Cors:AllowedOrigins:0", "https://studio.example/path")]
    [InlineData("Limits:MinRequestBodyBytesPerSecond", "0")]
    [InlineData("Limits:RequestHeadersTimeout", "00:00:00")]
    [InlineData("Limits:MaxRequestBodyBytes", "10")]
    public void A_bad_setting_stops_the_gateway_at_start(string key, string value)
    {
        using var gateway = GatewayHost.Alone(new Dictionary<string, string?> { [key] = value });

        var error = Record.Exception(() => gateway.CreateClient());

        Assert.IsType<OptionsValidationException>(error?.GetBaseException() is OptionsValidationException ? error.GetBaseException() : error);
    }

    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/library?q=drums", "/library?q=drums")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("library", "/")]
    [InlineData("/\r\nSet-Cookie:x", "/")]
    public void Only_a_path_of_this_site_is_a_return_url(string? returnUrl, string expected) =>
        Assert.Equal(expected, BffApi.LocalReturnUrl(returnUrl));

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/audio/upload");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-csrf");
        return request;
    }

    private static string MissingFolder() => Path.Combine(Path.GetTempPath(), $"no-web-build-{Guid.NewGuid():N}");
}
