using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Model;

namespace AudioPlatform.Gateway.Tests;

/// <summary>The reference at <c>/api/docs</c> and the Gateway's own OpenAPI document (the services' documents are checked end to end).</summary>
public sealed partial class ApiDocsTests
{
    [Fact]
    public async Task The_reference_page_loads_only_its_own_scripts_under_a_nonce_policy_of_its_own()
    {
        await using var gateway = GatewayHost.Alone();
        using var client = gateway.CreateClient();

        using var page = await client.GetAsync("/api/docs");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Assert.Single(NoncePattern().Matches(csp)).Groups[1].Value;
        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, script => Assert.Contains($"nonce=\"{nonce}\"", script));
        Assert.DoesNotContain("https://", string.Join('\n', scripts));
        foreach (var source in scripts.Select(s => ScriptSource().Match(s)).Where(m => m.Success).Select(m => m.Groups[1].Value))
        {
            using var script = await client.GetAsync(new Uri(page.RequestMessage!.RequestUri!, source));
            Assert.True(script.StatusCode == HttpStatusCode.OK, $"{source}: {(int)script.StatusCode}");
            Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType);
        }
    }

    [SkippableFact]
    public async Task In_a_browser_the_reference_renders_the_gateways_operations_without_a_policy_violation()
    {
        const string chromiumPath = "/usr/bin/chromium";
        Skip.IfNot(File.Exists(chromiumPath), $"{chromiumPath} is not installed (apt-get install chromium); Playwright must not download a browser here.");
        var address = new Uri($"http://127.0.0.1:{GatewayHost.FreePort()}/");
        await using var gateway = GatewayHost.Listening(address, new Dictionary<string, string?>
        {
            ["Authentication:Issuer"] = address.ToString(),
            ["Spa:RootPath"] = Path.Combine(Path.GetTempPath(), $"no-web-build-{Guid.NewGuid():N}"),
        });

        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(new Microsoft.Playwright.BrowserTypeLaunchOptions
        {
            ExecutablePath = chromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var page = await chromium.NewPageAsync();
        var violations = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Enqueue(message.Text);
            }
        };

        await page.GotoAsync(new Uri(address, "/api/docs").ToString());
        var summary = page.GetByText("The platform's version, infrastructure mode and each service's health.").First;
        await summary.WaitForAsync(new() { Timeout = 180_000 });

        Assert.True(await summary.IsVisibleAsync());
        Assert.True(violations.IsEmpty, string.Join('\n', violations));
    }

    [Fact]
    public async Task The_spa_keeps_its_policy_without_inline_scripts_or_styles()
    {
        await using var gateway = GatewayHost.Alone();
        using var client = gateway.CreateClient();

        using var status = await client.GetAsync("/api/v1/status");

        var csp = status.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(AudioPlatform.Gateway.Extensions.SecurityHeaders.ContentSecurityPolicy, csp);
    }

    [Fact]
    public async Task Every_api_endpoint_of_the_gateway_itself_is_in_its_document_with_the_security_schemes()
    {
        await using var gateway = GatewayHost.Alone();
        using var client = gateway.CreateClient();
        var ownEndpoints = gateway.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<RouteModel>() is null)
            .Select(endpoint => "/" + endpoint.RoutePattern.RawText!.TrimStart('/'))
            .Where(pattern => pattern.StartsWith("/api/v1/", StringComparison.Ordinal))
            .ToList();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/docs/openapi/gateway.json"));

        Assert.Contains("/api/v1/status", ownEndpoints);
        var paths = document.RootElement.GetProperty("paths");
        Assert.All(ownEndpoints, pattern => Assert.True(paths.TryGetProperty(pattern, out _), $"{pattern} is not documented"));
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("session").GetProperty("in").GetString());
        Assert.Equal("/", document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NoncePattern();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
