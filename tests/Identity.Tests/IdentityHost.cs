using System.Net;
using System.Net.Sockets;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Server;
using OpenIddict.Validation;

namespace AudioPlatform.Identity.Tests;

/// <summary>
/// The real Identity service on Kestrel (OidcClient and the validating services need real HTTP),
/// with its own data folder (SQLite file and keys) unless a database is given. The bus is MassTransit's
/// in-memory harness: Identity publishes nothing yet, and no broker runs in these tests.
/// </summary>
public sealed class IdentityHost : IAsyncDisposable
{
    public const string BffClientId = "spa-bff";
    public const string BffSecret = "test-secret-of-the-gateway-bff-0123456789";
    public const string CliClientId = "audioplatform-cli";
    public static readonly Uri BffRedirectUri = new("http://127.0.0.1:1/signin-oidc");

    private readonly WebApplicationFactory<AudioPlatform.Identity.Infrastructure.IdentityStore> _factory;
    private readonly bool _ownsDirectory;

    private IdentityHost(WebApplicationFactory<AudioPlatform.Identity.Infrastructure.IdentityStore> factory, Uri address, string issuer, string dataDirectory, bool ownsDirectory)
    {
        _factory = factory;
        Address = address;
        Issuer = issuer;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
    }

    public Uri Address { get; }

    /// <summary>The issuer tokens carry (the Gateway's public address in the platform).</summary>
    public string Issuer { get; }

    public string DataDirectory { get; }

    public string KeyDirectory => Path.Combine(DataDirectory, "identity-keys");

    public IServiceProvider Services => _factory.Services;

    public static async Task<IdentityHost> StartAsync(
        string? dataDirectory = null,
        string? connectionString = null,
        string? issuer = null,
        IReadOnlyDictionary<string, string>? settings = null,
        TimeProvider? time = null,
        int? port = null,
        Action<IServiceCollection>? services = null)
    {
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("audioplatform-identity-").FullName;
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}/");
        issuer ??= address.ToString();

        var factory = new WebApplicationFactory<AudioPlatform.Identity.Infrastructure.IdentityStore>().WithWebHostBuilder(web =>
        {
            // Not Development (no development defaults) and not Production, whose safety rules refuse plain http.
            web.UseEnvironment("Staging");
            web.UseSetting(WebHostDefaults.ServerUrlsKey, address.ToString());
            web.UseSetting("ConnectionStrings:identitydb", connectionString ?? $"Data Source={Path.Combine(dataDirectory, "identity.db")}");
            web.UseSetting("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:1/");
            web.UseSetting("Identity:Issuer", issuer);
            web.UseSetting("Identity:AllowInsecureHttp", "true");
            web.UseSetting("Identity:KeyDirectory", Path.Combine(dataDirectory, "identity-keys"));
            web.UseSetting("Identity:Clients:SpaBff:ClientSecret", BffSecret);
            web.UseSetting("Identity:Clients:SpaBff:RedirectUris:0", BffRedirectUri.ToString());
            web.UseSetting("Identity:Clients:SpaBff:PostLogoutRedirectUris:0", "http://127.0.0.1:1/signout-callback-oidc");
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                web.UseSetting(key, value);
            }

            web.ConfigureTestServices(testServices =>
            {
                testServices.AddMassTransitTestHarness(TextWriter.Null);
                if (time is not null)
                {
                    testServices.Replace(ServiceDescriptor.Singleton(time));
                    testServices.Configure<OpenIddictServerOptions>(options => options.TimeProvider = time);
                    testServices.Configure<OpenIddictValidationOptions>(options => options.TimeProvider = time);
                }

                services?.Invoke(testServices);
            });
        });
        factory.UseKestrel();
        factory.StartServer();

        var host = new IdentityHost(factory, address, issuer, dataDirectory, ownsDirectory);
        await host.WaitUntilListeningAsync();
        return host;
    }

    /// <summary>A client with its own cookies that does not follow redirects: it plays the browser.</summary>
    public HttpClient CreateBrowser() => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
    {
        BaseAddress = Address,
    };

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }

    public ValueTask StopAsync() => _factory.DisposeAsync();

    private async Task WaitUntilListeningAsync()
    {
        using var client = CreateClient();
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
