using System.Net;
using System.Net.Sockets;
using AudioPlatform.Gateway.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AudioPlatform.Gateway.Tests;

/// <summary>The real Gateway (its appsettings.json routes) with settings of the test's choosing.</summary>
public static class GatewayHost
{
    /// <summary>Nothing listens there: proxied requests fail fast with 502, which is all the alone-tests need.</summary>
    public const string NowhereAddress = "http://127.0.0.1:1";

    /// <summary>In memory (TestServer), every service pointing nowhere.</summary>
    public static WebApplicationFactory<ServiceHealthClient> Alone(IReadOnlyDictionary<string, string?>? settings = null) =>
        new WebApplicationFactory<ServiceHealthClient>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            foreach (var service in new[] { "identity", "ingest", "analysis", "library", "notify" })
            {
                web.UseSetting($"services:{service}:http:0", NowhereAddress);
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                web.UseSetting(key, value);
            }
        });

    /// <summary>On Kestrel at <paramref name="address"/> (browsers and Identity's redirects need a real address).</summary>
    public static WebApplicationFactory<ServiceHealthClient> Listening(Uri address, IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new WebApplicationFactory<ServiceHealthClient>().WithWebHostBuilder(web =>
        {
            // Not Development (no development defaults) and not Production, whose safety rules refuse plain http.
            web.UseEnvironment("Staging");
            web.UseSetting(WebHostDefaults.ServerUrlsKey, address.ToString());
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        return factory;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
