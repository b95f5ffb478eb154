using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace AudioPlatform.ProductionSafety.Tests;

/// <summary>
/// One of the six real services, built and started in memory (TestServer) with the environment and settings of
/// the test's choosing on top of its own appsettings.json. The bus is MassTransit's in-memory harness: the broker's
/// connection string is still read and judged, but no broker has to run.
/// </summary>
public sealed class ServiceHost : IDisposable
{
    public const string Gateway = "gateway";
    public const string Identity = "identity";
    public const string Ingest = "ingest";
    public const string Analysis = "analysis";
    public const string Library = "library";
    public const string Notify = "notify";

    public const string PublicAddress = "https://audio.example.com/";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("audioplatform-production-");

    public string DataDirectory => _directory.FullName;

    /// <summary>Settings a production operator would give <paramref name="service"/>: every rule passes with them.</summary>
    public Dictionary<string, string?> SafeSettings(string service)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = "amqp://audioplatform:broker-password-of-its-own@rabbitmq.example.com:5672/",
            ["Authentication:Issuer"] = PublicAddress,
            ["Authentication:Authority"] = "https://identity/",
        };
        switch (service)
        {
            case Gateway:
                settings["Bff:Authority"] = "https://identity/";
                settings["Cors:AllowedOrigins:0"] = "https://studio.example.com";
                break;
            case Identity:
                settings["ConnectionStrings:identitydb"] = $"Data Source={Path.Combine(DataDirectory, "identity.db")}";
                settings["Identity:Issuer"] = PublicAddress;
                settings["Identity:KeyDirectory"] = Path.Combine(DataDirectory, "identity-keys");
                settings["Identity:SigningCertificates:0:Path"] = CreateCertificate("signing", "signing-password");
                settings["Identity:SigningCertificates:0:Password"] = "signing-password";
                settings["Identity:EncryptionCertificates:0:Path"] = CreateCertificate("encryption", "encryption-password");
                settings["Identity:EncryptionCertificates:0:Password"] = "encryption-password";
                settings["Identity:Clients:SpaBff:ClientSecret"] = "the-gateway-secret-0123456789abcdef";
                settings["Identity:Clients:SpaBff:RedirectUris:0"] = $"{PublicAddress}signin-oidc";
                settings["Identity:Clients:SpaBff:PostLogoutRedirectUris:0"] = $"{PublicAddress}signout-callback-oidc";
                break;
            case Ingest or Analysis:
                settings["ConnectionStrings:objects"] = $"Directory={Path.Combine(DataDirectory, "objects")}";
                if (service == Ingest)
                {
                    settings["StreamLinks:SigningKey"] = "the-stream-link-key-0123456789abcdef";
                }

                break;
            case Library:
                settings["ConnectionStrings:librarydb"] = $"Filename={Path.Combine(DataDirectory, "library.db")};Connection=direct";
                break;
        }

        return settings;
    }

    /// <summary>A self-signed RSA certificate with its private key in a password-protected PFX file; returns the path.</summary>
    public string CreateCertificate(string name, string password, DateTimeOffset? notAfter = null)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=AudioPlatform test {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), notAfter ?? DateTimeOffset.UtcNow.AddDays(365));
        var path = Path.Combine(DataDirectory, $"{name}-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    /// <summary>Builds and starts the service; the factory is returned started (dispose it), or the start's exception thrown.</summary>
    public static WebApplicationFactory<TEntryPoint> Start<TEntryPoint>(string environment, IReadOnlyDictionary<string, string?> settings)
        where TEntryPoint : class
    {
        var factory = new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureTestServices(services => services.AddMassTransitTestHarness(TextWriter.Null));
        });
        try
        {
            _ = factory.Services;
            return factory;
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    /// <summary>Starts <paramref name="service"/>; null when it started, otherwise what stopped it.</summary>
    public static Exception? TryStart(string service, string environment, IReadOnlyDictionary<string, string?> settings) =>
        Record.Exception(() =>
        {
            IDisposable started = service switch
            {
                Gateway => Start<AudioPlatform.Gateway.Infrastructure.ServiceHealthClient>(environment, settings),
                Identity => Start<AudioPlatform.Identity.Infrastructure.IdentityStore>(environment, settings),
                Ingest => Start<AudioPlatform.Ingest.Model.UploadOptions>(environment, settings),
                Analysis => Start<AudioPlatform.Analysis.Model.AnalysisOptions>(environment, settings),
                Library => Start<AudioPlatform.Library.Model.ITrackRepository>(environment, settings),
                Notify => Start<AudioPlatform.Notify.Hub.NotifyOptions>(environment, settings),
                _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
            };
            started.Dispose();
        });

    /// <summary>Every message in the exception and the ones inside it (options failures come aggregated).</summary>
    public static string Messages(Exception exception) => exception switch
    {
        AggregateException aggregate => string.Join(Environment.NewLine, aggregate.InnerExceptions.Select(Messages)),
        { InnerException: { } inner } => exception.Message + Environment.NewLine + Messages(inner),
        _ => exception.Message,
    };

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite or LiteDB may hold a file a moment longer; the temp folder is cleaned by the OS.
        }
    }
}
