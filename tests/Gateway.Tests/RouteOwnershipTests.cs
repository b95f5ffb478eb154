using System.Net;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace AudioPlatform.Gateway.Tests;

/// <summary>
/// The Gateway's real route table (appsettings.json, YARP's own matching) sends each path to the service that owns
/// what it serves: the audio to Ingest, the blobs the analysis derived to Analysis, the track records to the Library.
/// </summary>
public sealed class RouteOwnershipTests
{
    private const string TrackId = "0b6d1c9e-2f6e-4f0c-9a57-3f1d2e4c5b6a";

    [Theory]
    [InlineData("POST", "/api/v1/audio/upload", "ingest")]
    [InlineData("GET", $"/api/v1/audio/{TrackId}/stream", "ingest")]
    [InlineData("GET", $"/api/v1/audio/{TrackId}/stream?user=u&exp=1&sig=s", "ingest")]
    [InlineData("POST", "/api/v1/audio/stream-links", "ingest")]
    [InlineData("GET", $"/api/v1/audio/{TrackId}/waveform", "analysis")]
    [InlineData("GET", $"/api/v1/audio/{TrackId}/spectrogram.png", "analysis")]
    [InlineData("GET", "/api/v1/audio", "library")]
    [InlineData("GET", $"/api/v1/audio/{TrackId}", "library")]
    [InlineData("DELETE", $"/api/v1/audio/{TrackId}", "library")]
    [InlineData("GET", $"/api/v1/audio/{TrackId}/similar", "library")]
    [InlineData("POST", "/api/v1/audio/analyze", "library")]
    [InlineData("GET", "/api/v1/analysis/info", "analysis")]
    public async Task Each_path_goes_to_the_service_that_owns_it(string method, string path, string owner)
    {
        await using var gateway = GatewayHost.Alone(ServiceAddresses()).WithWebHostBuilder(web =>
            web.ConfigureTestServices(services => services.AddSingleton<IForwarderHttpClientFactory, AnswerWithTheHost>()));
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{owner}.test", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task No_route_needs_a_regular_expression_or_any_other_constraint()
    {
        await using var gateway = GatewayHost.Alone();
        var routes = gateway.Services.GetRequiredService<IProxyConfigProvider>().GetConfig().Routes;

        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            var pattern = RoutePatternFactory.Parse(route.Match.Path!);
            Assert.All(pattern.Parameters, parameter => Assert.True(parameter.ParameterPolicies.Count == 0,
                $"route {route.RouteId} constrains {{{parameter.Name}}}: {route.Match.Path}"));
        }
    }

    private static Dictionary<string, string?> ServiceAddresses() =>
        new[] { "identity", "ingest", "analysis", "library", "notify" }
            .ToDictionary(service => $"services:{service}:http:0", service => (string?)$"http://{service}.test");

    /// <summary>Stands in for every service: answers with the host the Gateway chose to forward to.</summary>
    private sealed class AnswerWithTheHost : IForwarderHttpClientFactory
    {
        public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(new Handler());

        private sealed class Handler : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(request.RequestUri!.Host) });
        }
    }
}
