using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AudioPlatform.Gateway.Tests;

/// <summary>
/// The Gateway's own answers: the SPA's files and its problem details compressed, Kestrel's limits from the
/// <c>Limits</c> section. Proxied answers, audio and images are checked end to end (ApiSurfaceTests).
/// </summary>
public sealed class HttpBehaviourTests : IDisposable
{
    private readonly string _spaRoot = Directory.CreateTempSubdirectory("gateway-spa-").FullName;

    public HttpBehaviourTests()
    {
        Directory.CreateDirectory(Path.Combine(_spaRoot, "assets"));
        File.WriteAllText(Path.Combine(_spaRoot, "index.html"), $"<!doctype html><title>app</title>{new string(' ', 2000)}<div id=root></div>");
        File.WriteAllText(Path.Combine(_spaRoot, "assets", "app-1234.js"), string.Concat(Enumerable.Repeat("console.log('audio');\n", 200)));
        File.WriteAllText(Path.Combine(_spaRoot, "assets", "app-1234.css"), string.Concat(Enumerable.Repeat("body { margin: 0 }\n", 200)));
    }

    [Theory]
    [InlineData("/", "br", "text/html")]
    [InlineData("/library", "gzip", "text/html")]
    [InlineData("/assets/app-1234.js", "br", "text/javascript")]
    [InlineData("/assets/app-1234.css", "gzip", "text/css")]
    public async Task The_web_apps_files_are_compressed_as_the_browser_asks(string path, string encoding, string mediaType)
    {
        await using var gateway = GatewayHost.Alone(new Dictionary<string, string?> { ["Spa:RootPath"] = _spaRoot });
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var expected = await File.ReadAllTextAsync(Path.Combine(_spaRoot, path.StartsWith("/assets/", StringComparison.Ordinal) ? path[1..] : "index.html"));
        Assert.Equal(expected, await DecodeAsync(response, encoding));
    }

    [Fact]
    public async Task A_problem_from_the_gateway_is_compressed_too()
    {
        await using var gateway = GatewayHost.Alone();
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/login");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Contains("\"status\":503", await DecodeAsync(response, "br"));
    }

    [Fact]
    public async Task Without_accept_encoding_nothing_is_compressed()
    {
        await using var gateway = GatewayHost.Alone(new Dictionary<string, string?> { ["Spa:RootPath"] = _spaRoot });
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/assets/app-1234.js");

        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Kestrel_takes_its_limits_from_the_limits_section()
    {
        await using var gateway = GatewayHost.Alone(new Dictionary<string, string?>
        {
            ["Limits:MinRequestBodyBytesPerSecond"] = "2048",
            ["Limits:MinRequestBodyGracePeriod"] = "00:00:07",
            ["Limits:RequestHeadersTimeout"] = "00:00:09",
            ["Limits:MaxRequestBodyBytes"] = "65536",
        });
        using var client = gateway.CreateClient();

        var limits = gateway.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(2048, limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(7), limits.MinRequestBodyDataRate.GracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(9), limits.RequestHeadersTimeout);
        Assert.Equal(65536, limits.MaxRequestBodySize);
    }

    [Fact]
    public async Task A_proxied_body_over_the_limit_is_refused_with_a_413_problem_naming_the_limit()
    {
        var destination = new Uri($"http://127.0.0.1:{GatewayHost.FreePort()}");
        await using var service = await BodyReadingServiceAsync(destination);
        var gatewayAddress = new Uri($"http://127.0.0.1:{GatewayHost.FreePort()}/");
        await using var gateway = GatewayHost.Listening(gatewayAddress, new Dictionary<string, string?>
        {
            ["Limits:MaxRequestBodyBytes"] = "1024",
            ["Authentication:Issuer"] = gatewayAddress.ToString(),
            ["Spa:RootPath"] = _spaRoot,
            ["services:ingest:http:0"] = destination.ToString().TrimEnd('/'),
        });
        using var client = new HttpClient { BaseAddress = gatewayAddress };

        using var small = await client.PostAsync("/api/v1/ingest/diagnostics/ping", new ByteArrayContent(new byte[512]));
        using var large = await client.PostAsync("/api/v1/ingest/diagnostics/ping", new ByteArrayContent(new byte[4096]));

        Assert.Equal("512", await small.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("application/problem+json", large.Content.Headers.ContentType?.MediaType);
        Assert.Contains("1024 bytes", await large.Content.ReadAsStringAsync());
    }

    /// <summary>Stands in for a service behind the Gateway: answers how many body bytes it read.</summary>
    private static async Task<WebApplication> BodyReadingServiceAsync(Uri address)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.ToString());
        var service = builder.Build();
        service.MapPost("/api/v1/ingest/diagnostics/ping", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            return body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        await service.StartAsync();
        return service;
    }

    private static async Task<string> DecodeAsync(HttpResponseMessage response, string encoding)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding == "br"
            ? new BrotliStream(body, CompressionMode.Decompress)
            : new GZipStream(body, CompressionMode.Decompress);
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }

    public void Dispose() => Directory.Delete(_spaRoot, recursive: true);
}
