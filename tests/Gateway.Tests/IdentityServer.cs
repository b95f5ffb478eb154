using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace AudioPlatform.Gateway.Tests;

/// <summary>
/// The real Identity service on Kestrel with its own SQLite file and keys, the <c>spa-bff</c> client
/// registered for the given Gateway addresses. The bus is MassTransit's in-memory harness: no broker here.
/// </summary>
public sealed class IdentityServer : IAsyncDisposable
{
    public const string ClientSecret = "test-secret-of-the-gateway-bff-0123456789";

    private readonly WebApplicationFactory<AudioPlatform.Identity.Infrastructure.IdentityStore> _factory;
    private readonly string _dataDirectory;

    private IdentityServer(WebApplicationFactory<AudioPlatform.Identity.Infrastructure.IdentityStore> factory, Uri address, string dataDirectory)
        => (_factory, Address, _dataDirectory) = (factory, address, dataDirectory);

    public Uri Address { get; }

    public static async Task<IdentityServer> StartAsync(string issuer, IReadOnlyList<Uri> gateways)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("audioplatform-gateway-identity-").FullName;
        var address = new Uri($"http://127.0.0.1:{GatewayHost.FreePort()}/");
        var factory = new WebApplicationFactory<AudioPlatform.Identity.Infrastructure.IdentityStore>().WithWebHostBuilder(web =>
        {
            // Not Development (no development defaults) and not Production, whose safety rules refuse plain http.
            web.UseEnvironment("Staging");
            web.UseSetting(WebHostDefaults.ServerUrlsKey, address.ToString());
            web.UseSetting("ConnectionStrings:identitydb", $"Data Source={Path.Combine(dataDirectory, "identity.db")}");
            web.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:1/");
            web.UseSetting("Identity:Issuer", issuer);
            web.UseSetting("Identity:AllowInsecureHttp", "true");
            web.UseSetting("Identity:KeyDirectory", Path.Combine(dataDirectory, "identity-keys"));
            web.UseSetting("Identity:AccessTokenLifetime", "00:01:00");
            web.UseSetting("Identity:SignInAttemptsPerMinute", "1000");
            web.UseSetting("Identity:FailedSignInsPerClientAddress", "1000");
            web.UseSetting("Identity:Clients:SpaBff:ClientSecret", ClientSecret);
            for (var i = 0; i < gateways.Count; i++)
            {
                web.UseSetting($"Identity:Clients:SpaBff:RedirectUris:{i}", new Uri(gateways[i], "/signin-oidc").ToString());
                web.UseSetting($"Identity:Clients:SpaBff:PostLogoutRedirectUris:{i}", new Uri(gateways[i], "/signout-callback-oidc").ToString());
            }

            web.ConfigureTestServices(services => services.AddMassTransitTestHarness(TextWriter.Null));
        });
        factory.UseKestrel();
        factory.StartServer();

        var server = new IdentityServer(factory, address, dataDirectory);
        await server.WaitUntilListeningAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp folder is cleaned by the OS.
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        using var client = new HttpClient { BaseAddress = Address };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/alive");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Identity did not answer on {Address} within 30 s.");
            }

            await Task.Delay(100);
        }
    }
}
