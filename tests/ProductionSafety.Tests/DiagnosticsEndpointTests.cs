using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AudioPlatform.ProductionSafety.Tests;

/// <summary>
/// The diagnostics endpoints (Ingest's bus ping, Notify's read-back and WebSocket echo) exist only where they are
/// switched on (Development by default, <c>Diagnostics:Enabled</c> elsewhere), and even there answer no one anonymous.
/// </summary>
public sealed class DiagnosticsEndpointTests : IDisposable
{
    private readonly ServiceHost _host = new();

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { ServiceHost.Ingest, "POST", "/api/v1/ingest/diagnostics/ping" },
        { ServiceHost.Notify, "GET", $"/api/v1/notify/diagnostics/pings/{Guid.Empty}" },
        { ServiceHost.Notify, "GET", "/api/v1/notify/diagnostics/echo" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task In_production_they_are_not_mapped_unless_switched_on(string service, string method, string path)
    {
        using var response = await SendAsync(service, "Production", _host.SafeSettings(service), method, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Switched_off_in_development_they_are_not_mapped(string service, string method, string path)
    {
        using var response = await SendAsync(service, "Development", Settings(service, ("Diagnostics:Enabled", "false")), method, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Switched_on_they_refuse_an_anonymous_caller_with_a_401_problem(string service, string method, string path)
    {
        using var response = await SendAsync(service, "Production", Settings(service, ("Diagnostics:Enabled", "true")), method, path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Dictionary<string, string?> Settings(string service, (string Key, string Value) setting)
    {
        var settings = _host.SafeSettings(service);
        settings[setting.Key] = setting.Value;
        return settings;
    }

    private static async Task<HttpResponseMessage> SendAsync(
        string service, string environment, IReadOnlyDictionary<string, string?> settings, string method, string path)
    {
        using var factory = service == ServiceHost.Ingest
            ? (IDisposable)ServiceHost.Start<AudioPlatform.Ingest.Model.UploadOptions>(environment, settings)
            : ServiceHost.Start<AudioPlatform.Notify.Hub.NotifyOptions>(environment, settings);
        using var client = factory switch
        {
            WebApplicationFactory<AudioPlatform.Ingest.Model.UploadOptions> ingest => ingest.CreateClient(),
            WebApplicationFactory<AudioPlatform.Notify.Hub.NotifyOptions> notify => notify.CreateClient(),
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public void Dispose() => _host.Dispose();
}
