using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AudioPlatform.Deploy.Tests.Helm;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AudioPlatform.Deploy.Tests;

/// <summary>
/// The chart's https inside the cluster, run on this machine (no cluster is here): Kestrel given Identity's https settings
/// exactly as the chart renders them (the certificate and key a cert-manager secret mounts at identity-tls), and a separate
/// .NET process given the services' <c>SSL_CERT_DIR</c> (the system's certificates and the mounted <c>ca.crt</c>) calling
/// the services' <c>Authentication:Authority</c>. Only two things are moved: the mount folders go under a temporary
/// folder, and the host <c>identity</c> is reached as <c>localhost</c> (the test certificate names both).
/// </summary>
public sealed class IdentityTlsTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("identity-tls-").FullName;
    private readonly List<Dictionary<string, object?>> _rendered = Chart.Render();
    private WebApplication? _identity;
    private int _port;

    public async Task InitializeAsync()
    {
        WriteSecrets();
        // The builder Identity uses (CreateBuilder: Kestrel configured from the Kestrel section, https included).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _root, EnvironmentName = "Production" });
        foreach (var (key, value) in IdentityEnvironment().Where(e => e.Key.StartsWith("Kestrel__Endpoints__Https__", StringComparison.Ordinal)))
            builder.Configuration[key.Replace("__", ":", StringComparison.Ordinal)] = key.EndsWith("__Url", StringComparison.Ordinal)
                ? value.Replace("+:" + TlsPort, "127.0.0.1:0", StringComparison.Ordinal)
                : InTemp(value);
        _identity = builder.Build();
        _identity.MapGet("/.well-known/openid-configuration", () => Results.Json(new { issuer = "test" }));
        await _identity.StartAsync();
        _port = new Uri(_identity.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
    }

    [Fact]
    public async Task A_service_trusts_Identity_over_https_through_the_charts_certificate_folders()
    {
        var (exitCode, output) = await ProbeAsync(InTempPath(ServiceSetting("SSL_CERT_DIR")));

        Assert.True(exitCode == 0, output);
        Assert.Contains("status 200", output);
    }

    [Fact]
    public async Task Without_the_mounted_authority_the_same_call_is_refused()
    {
        // The control: the system's certificates alone do not trust the test authority, so the pass above is the mount's doing.
        var (exitCode, output) = await ProbeAsync("/etc/ssl/certs");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("SSL", output, StringComparison.OrdinalIgnoreCase);
    }

    private int TlsPort => Convert.ToInt32(Yaml.Get(Deployment.Values, "secrets", "identityTls", "port"));

    private Dictionary<string, string> IdentityEnvironment()
    {
        var container = Yaml.Map(_rendered.OfKind("Deployment").Single(item => item.Name() == "identity"), "spec", "template", "spec", "containers", 0);
        return Yaml.List(container, "env").Where(entry => Yaml.Get(entry, "value") is string)
            .ToDictionary(entry => (string)Yaml.Get(entry, "name")!, entry => (string)Yaml.Get(entry, "value")!);
    }

    /// <summary>A setting every service gets (the gateway's map; the chart gives the same to each).</summary>
    private string ServiceSetting(string key) =>
        (string)Yaml.Get(_rendered.OfKind("ConfigMap").Single(item => item.Name() == "gateway-settings"), "data", key)!;

    /// <summary>Where a volume of the identity deployment is mounted in its container.</summary>
    private string MountPath(string volume)
    {
        var container = Yaml.Map(_rendered.OfKind("Deployment").Single(item => item.Name() == "identity"), "spec", "template", "spec", "containers", 0);
        return (string)Yaml.Get(Yaml.List(container, "volumeMounts").Single(m => (string)Yaml.Get(m, "name")! == volume), "mountPath")!;
    }

    private string InTemp(string containerPath) => Path.Join(_root, containerPath);

    /// <summary>A colon-separated folder list with the chart's own folders moved under the temporary folder, system ones kept.</summary>
    private string InTempPath(string list) =>
        string.Join(':', list.Split(':').Select(folder => folder.StartsWith("/etc/audioplatform/", StringComparison.Ordinal) ? InTemp(folder) : folder));

    /// <summary>What cert-manager would put in the identityTls secret: ca.crt, and tls.crt/tls.key for the identity service.</summary>
    private void WriteSecrets()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=AudioPlatform test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=identity", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("identity");
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3, 4]);

        var tls = Directory.CreateDirectory(InTemp(MountPath("identity-tls"))).FullName;
        File.WriteAllText(Path.Combine(tls, "tls.crt"), leaf.ExportCertificatePem());
        File.WriteAllText(Path.Combine(tls, "tls.key"), key.ExportPkcs8PrivateKeyPem());
        var authority = Directory.CreateDirectory(InTemp(MountPath("identity-ca"))).FullName;
        File.WriteAllText(Path.Combine(authority, "ca.crt"), ca.ExportCertificatePem());
    }

    /// <summary>
    /// A fresh .NET process (a file-based program: `dotnet run probe.cs`) calls the services' authority, so the trust store
    /// it builds from SSL_CERT_DIR is its own, as each service's is.
    /// </summary>
    private async Task<(int ExitCode, string Output)> ProbeAsync(string certificateFolders)
    {
        var probe = Path.Combine(_root, "probe.cs");
        await File.WriteAllTextAsync(probe, """
            using var client = new HttpClient();
            try { var response = await client.GetAsync(args[0]); Console.WriteLine($"status {(int)response.StatusCode}"); return 0; }
            catch (Exception e) { Console.WriteLine($"error {e.Message} {e.GetBaseException().Message}"); return 1; }
            """);
        var authority = new UriBuilder(ServiceSetting("Authentication__Authority")) { Host = "localhost", Port = _port }.Uri;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _root };
        foreach (var argument in new[] { "run", probe, "--", new Uri(authority, ".well-known/openid-configuration").ToString() }) start.ArgumentList.Add(argument);
        start.Environment["SSL_CERT_DIR"] = certificateFolders;
        start.Environment.Remove("SSL_CERT_FILE");
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public async Task DisposeAsync()
    {
        if (_identity is not null) await _identity.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
