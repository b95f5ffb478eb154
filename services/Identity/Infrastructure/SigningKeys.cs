using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AudioPlatform.Identity.Model;

namespace AudioPlatform.Identity.Infrastructure;

/// <summary>
/// The token signing and encryption certificates, created once and kept in the key folder so that a
/// restart does not invalidate every issued token (and with it every session).
/// </summary>
public static class SigningKeys
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(730);

    public static X509Certificate2 LoadOrCreateSigning(string directory) =>
        LoadOrCreate(Path.Combine(directory, "signing.pfx"), "CN=AudioPlatform Identity Signing", X509KeyUsageFlags.DigitalSignature);

    public static X509Certificate2 LoadOrCreateEncryption(string directory) =>
        LoadOrCreate(Path.Combine(directory, "encryption.pfx"), "CN=AudioPlatform Identity Encryption", X509KeyUsageFlags.KeyEncipherment);

    /// <summary>The configured PFX files, each with its private key; an unreadable one stops the start, naming its key.</summary>
    public static IReadOnlyList<X509Certificate2> LoadConfigured(IReadOnlyList<CertificateFileOptions> files, string key)
    {
        var certificates = new List<X509Certificate2>();
        for (var index = 0; index < files.Count; index++)
        {
            var path = files[index].Path;
            try
            {
                var certificate = X509CertificateLoader.LoadPkcs12FromFile(path!, files[index].Password, X509KeyStorageFlags.EphemeralKeySet);
                if (!certificate.HasPrivateKey)
                {
                    throw new InvalidOperationException($"{key}:{index}:Path: '{path}' holds no private key.");
                }

                certificates.Add(certificate);
            }
            catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new InvalidOperationException($"{key}:{index}: '{path}' could not be loaded (wrong password or not a PFX file?): {exception.Message}", exception);
            }
        }

        return certificates;
    }

    private static X509Certificate2 LoadOrCreate(string path, string subject, X509KeyUsageFlags usage)
    {
        var replacing = File.Exists(path);
        if (replacing)
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
            if (existing.NotAfter > DateTime.UtcNow.AddDays(1))
            {
                return existing;
            }

            existing.Dispose();
        }

        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.Add(Validity));
        var pfx = created.Export(X509ContentType.Pfx);

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, pfx);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            // Replicas starting together on a new key folder: the first to move its file wins, the others load that
            // one, so every replica signs with the same key.
            File.Move(temporary, path, overwrite: replacing);
        }
        catch (IOException) when (!replacing && File.Exists(path))
        {
            File.Delete(temporary);
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
        }

        return X509CertificateLoader.LoadPkcs12(pfx, password: null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
