using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AudioPlatform.ProductionSafety.Tests;

/// <summary>
/// Each service started in the Production environment: with one unsafe setting it refuses to start and the error
/// names that setting; with an operator's safe settings it starts; outside Production nothing is refused.
/// </summary>
public sealed class ProductionRefusalTests : IDisposable
{
    private readonly ServiceHost _host = new();

    public static TheoryData<string, string, string?, string> UnsafeSettings => new()
    {
        // service, key, unsafe value (null: left unset), what the error must name
        { ServiceHost.Gateway, "Cors:AllowedOrigins:0", "*", "Cors:AllowedOrigins: '*' is a wildcard" },
        { ServiceHost.Gateway, "Cors:AllowedOrigins:0", "https://*.example.com", "Cors:AllowedOrigins: 'https://*.example.com' is a wildcard" },
        { ServiceHost.Gateway, "Cors:AllowedOrigins:0", "http://studio.example.com", "Cors:AllowedOrigins:0" },
        { ServiceHost.Gateway, "Bff:Authority", "http://identity/", "Bff:Authority" },
        { ServiceHost.Gateway, "Authentication:Issuer", "http://audio.example.com/", "Authentication:Issuer" },
        { ServiceHost.Identity, "Identity:AllowInsecureHttp", "true", "Identity:AllowInsecureHttp" },
        { ServiceHost.Identity, "Identity:Issuer", "http://audio.example.com/", "Identity:Issuer" },
        { ServiceHost.Identity, "Identity:SigningCertificates:0:Path", null, "Identity:SigningCertificates" },
        { ServiceHost.Identity, "Identity:EncryptionCertificates:0:Path", null, "Identity:EncryptionCertificates" },
        { ServiceHost.Identity, "Identity:Clients:SpaBff:RedirectUris:0", "http://audio.example.com/signin-oidc", "Identity:Clients:SpaBff:RedirectUris:0" },
        { ServiceHost.Identity, "Identity:Clients:SpaBff:PostLogoutRedirectUris:0", "http://audio.example.com/signout-callback-oidc", "Identity:Clients:SpaBff:PostLogoutRedirectUris:0" },
        { ServiceHost.Identity, "ConnectionStrings:identitydb", "Host=db.example.com;Database=identity;Username=postgres;Password=postgres", "ConnectionStrings:identitydb" },
        { ServiceHost.Identity, "ConnectionStrings:messaging", "amqp://guest:guest@rabbitmq.example.com:5672/", "ConnectionStrings:messaging" },
        { ServiceHost.Ingest, "ConnectionStrings:objects", "Endpoint=http://minio.example.com:9000;AccessKey=minioadmin;SecretKey=minioadmin", "ConnectionStrings:objects" },
        { ServiceHost.Ingest, "ConnectionStrings:messaging", "amqp://rabbitmq.example.com:5672/", "ConnectionStrings:messaging" },
        { ServiceHost.Ingest, "Authentication:Authority", "http://identity/", "Authentication:Authority" },
        { ServiceHost.Analysis, "ConnectionStrings:objects", "Endpoint=https://minio.example.com;AccessKey=audioplatform;SecretKey=minioadmin", "ConnectionStrings:objects" },
        { ServiceHost.Analysis, "ConnectionStrings:messaging", "amqp://guest:guest@rabbitmq.example.com:5672/", "ConnectionStrings:messaging" },
        { ServiceHost.Library, "ConnectionStrings:librarydb", "mongodb://mongo.example.com:27017/audioplatform", "ConnectionStrings:librarydb" },
        { ServiceHost.Library, "Authentication:Issuer", "http://audio.example.com/", "Authentication:Issuer" },
        { ServiceHost.Notify, "Authentication:Authority", "http://identity/", "Authentication:Authority" },
        { ServiceHost.Notify, "ConnectionStrings:messaging", "amqp://guest:guest@rabbitmq.example.com:5672/", "ConnectionStrings:messaging" },
    };

    [Theory]
    [MemberData(nameof(UnsafeSettings))]
    public void A_service_refuses_to_start_in_production_with_an_unsafe_setting_and_names_it(string service, string key, string? value, string named)
    {
        var settings = _host.SafeSettings(service);
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }

        var error = ServiceHost.TryStart(service, "Production", settings);

        Assert.NotNull(error);
        Assert.Contains(named, ServiceHost.Messages(error));
    }

    [Theory]
    [InlineData(ServiceHost.Gateway)]
    [InlineData(ServiceHost.Identity)]
    [InlineData(ServiceHost.Ingest)]
    [InlineData(ServiceHost.Analysis)]
    [InlineData(ServiceHost.Library)]
    [InlineData(ServiceHost.Notify)]
    public void A_service_starts_in_production_with_safe_settings(string service)
    {
        var error = ServiceHost.TryStart(service, "Production", _host.SafeSettings(service));

        Assert.Null(error);
    }

    [Fact]
    public void Every_unsafe_setting_is_reported_in_one_error()
    {
        var settings = _host.SafeSettings(ServiceHost.Identity);
        settings["Identity:AllowInsecureHttp"] = "true";
        settings["Identity:Issuer"] = "http://audio.example.com/";
        settings["ConnectionStrings:messaging"] = "amqp://guest:guest@rabbitmq.example.com:5672/";

        var error = ServiceHost.TryStart(ServiceHost.Identity, "Production", settings);

        Assert.NotNull(error);
        var lines = error.Message.Split(Environment.NewLine);
        Assert.Contains("refuses to start in the Production environment with 3 unsafe settings", lines[0]);
        Assert.Contains(lines, line => line.StartsWith("  - Identity:AllowInsecureHttp: ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("  - Identity:Issuer: ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("  - ConnectionStrings:messaging: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Development_keeps_its_conveniences()
    {
        // What the AppHost gives Identity in local mode: plain http, the default broker user, generated keys.
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = "amqp://guest:guest@127.0.0.1:5672/",
            ["ConnectionStrings:identitydb"] = $"Data Source={Path.Combine(_host.DataDirectory, "identity.db")}",
            ["Identity:KeyDirectory"] = Path.Combine(_host.DataDirectory, "identity-keys"),
        };

        var error = ServiceHost.TryStart(ServiceHost.Identity, "Development", settings);

        Assert.Null(error);
        Assert.True(File.Exists(Path.Combine(_host.DataDirectory, "identity-keys", "signing.pfx")));
    }

    [Fact]
    public async Task Identity_publishes_every_configured_signing_certificate_so_keys_can_be_rotated()
    {
        var settings = _host.SafeSettings(ServiceHost.Identity);
        var current = settings["Identity:SigningCertificates:0:Path"]!;
        var next = _host.CreateCertificate("next-signing", "next-password", DateTimeOffset.UtcNow.AddDays(730));
        settings["Identity:SigningCertificates:1:Path"] = next;
        settings["Identity:SigningCertificates:1:Password"] = "next-password";

        using var identity = ServiceHost.Start<AudioPlatform.Identity.Infrastructure.IdentityStore>("Production", settings);
        using var client = identity.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/") });
        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks");

        var published = jwks.GetProperty("keys").EnumerateArray()
            .Select(key => key.GetProperty("x5c")[0].GetString())
            .ToList();
        Assert.Contains(Convert.ToBase64String(X509CertificateLoader.LoadPkcs12FromFile(current, "signing-password").RawData), published);
        Assert.Contains(Convert.ToBase64String(X509CertificateLoader.LoadPkcs12FromFile(next, "next-password").RawData), published);
    }

    [Fact]
    public void An_unreadable_certificate_stops_identity_naming_the_setting()
    {
        var settings = _host.SafeSettings(ServiceHost.Identity);
        settings["Identity:SigningCertificates:0:Password"] = "wrong-password";

        var error = ServiceHost.TryStart(ServiceHost.Identity, "Production", settings);

        Assert.NotNull(error);
        Assert.Contains("Identity:SigningCertificates:0", ServiceHost.Messages(error));
    }

    public void Dispose() => _host.Dispose();
}
