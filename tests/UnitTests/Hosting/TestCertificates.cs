using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Registry.UnitTests.Hosting;

/// <summary>Certificates made in memory for TLS tests: CAs, and server or client certificates they issue, written as PEM files.</summary>
internal static class TestCertificates
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    public static X509Certificate2 CreateCa(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>Issues a certificate for <c>localhost</c> and 127.0.0.1 from <paramref name="issuer"/>, with its private key.</summary>
    public static X509Certificate2 Issue(X509Certificate2 issuer, string commonName, bool forClient)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([forClient ? ClientAuthentication : ServerAuthentication], false));
        if (!forClient)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(issuer, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes the certificate and, when it has one, its PKCS#8 key as PEM files, and returns their paths.</summary>
    public static (string CertificatePath, string KeyPath) WritePem(X509Certificate2 certificate, string directory, string name)
    {
        var certificatePath = Path.Combine(directory, $"{name}.crt");
        var keyPath = Path.Combine(directory, $"{name}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey();
        if (key is not null)
        {
            File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        }

        return (certificatePath, keyPath);
    }
}
