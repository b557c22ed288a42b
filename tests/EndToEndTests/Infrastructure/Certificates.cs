using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Registry.EndToEndTests.Infrastructure;

/// <summary>
/// The files a TLS client needs to reach a test server: the CA that issued the server
/// certificate and, for servers that ask for one, a client certificate with its key.
/// </summary>
public sealed record TlsClientFiles(string CaCertificate, string? ClientCertificate = null, string? ClientKey = null)
{
    /// <summary>Creates an HTTP client that trusts only <see cref="CaCertificate"/> and presents the client certificate, if any.</summary>
    public HttpClient CreateHttpClient(TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler { UseProxy = false };
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            CustomTrustStore = { X509Certificate2.CreateFromPem(File.ReadAllText(CaCertificate)) },
        };
        if (ClientCertificate is not null && ClientKey is not null)
        {
            handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPemFile(ClientCertificate, ClientKey)];
        }

        return new HttpClient(handler) { Timeout = timeout };
    }
}

/// <summary>
/// The PEM files of a TLS test, made with System.Security.Cryptography in one directory:
/// <list type="bullet">
/// <item>a server CA and a server certificate it issued for <c>localhost</c> and <c>127.0.0.1</c>
/// (RSA 2048, as <c>openssl req -newkey rsa:2048</c> makes), with its unencrypted PKCS#8 key;</item>
/// <item>a client CA, for <c>http.tls.clientcas</c>, and a client certificate it issued;</item>
/// <item>a client certificate issued by a CA that the server does not know.</item>
/// </list>
/// The CAs and client certificates use ECDSA P-256 keys. Every certificate is valid from one
/// hour ago for 30 days, and key files are written with mode 0600.
/// </summary>
public sealed class TlsCertificates
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly string _directory;

    private TlsCertificates(string directory)
    {
        _directory = directory;
    }

    /// <summary>The CA certificate that issued <see cref="ServerCertificate"/>: what curl's <c>--cacert</c> and skopeo's cert directory trust.</summary>
    public string CaCertificate => In("server-ca.crt");

    public string ServerCertificate => In("server.crt");

    public string ServerKey => In("server.key");

    /// <summary>The CA certificate to list in <c>http.tls.clientcas</c>.</summary>
    public string ClientCa => In("client-ca.crt");

    public string ClientCertificate => In("client.crt");

    public string ClientKey => In("client.key");

    /// <summary>A client certificate issued by a CA that is not in <c>http.tls.clientcas</c>.</summary>
    public string UnknownClientCertificate => In("unknown-client.crt");

    public string UnknownClientKey => In("unknown-client.key");

    /// <summary>Every private key file written, for checks that no key material reaches a log.</summary>
    public IReadOnlyList<string> PrivateKeyFiles =>
        [In("server-ca.key"), ServerKey, In("client-ca.key"), ClientKey, In("unknown-ca.key"), UnknownClientKey];

    /// <summary>Writes the certificates and keys into <paramref name="directory"/>, which must exist.</summary>
    public static TlsCertificates Create(string directory)
    {
        var certificates = new TlsCertificates(directory);
        var notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        var notAfter = notBefore.AddDays(30);

        using (var serverCa = CreateCa("registry test server CA", notBefore, notAfter))
        using (var serverCaKey = serverCa.GetECDsaPrivateKey()!)
        using (var serverKey = RSA.Create(2048))
        {
            certificates.Write("server-ca", serverCa, serverCaKey);
            var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            AddLeafExtensions(request, serverCa, ServerAuthentication, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment);
            using var server = Issue(request, serverCa, notBefore, notAfter);
            certificates.Write("server", server, serverKey);
        }

        certificates.WriteClientPair("client-ca", "registry test client CA", "client", "test client", notBefore, notAfter);
        certificates.WriteClientPair("unknown-ca", "unknown CA", "unknown-client", "unknown client", notBefore, notAfter);
        return certificates;
    }

    /// <summary>Returns the client files that trust the server CA, with the known client certificate when asked.</summary>
    public TlsClientFiles Client(bool withClientCertificate) => withClientCertificate
        ? new TlsClientFiles(CaCertificate, ClientCertificate, ClientKey)
        : new TlsClientFiles(CaCertificate);

    /// <summary>
    /// Returns the <c>tls:</c> block for <see cref="ServerOptions.HttpYaml"/>: the server certificate
    /// and key, and with a <paramref name="clientAuth"/> value also <c>clientcas</c> (the client CA) and <c>clientauth</c>.
    /// </summary>
    public string HttpYaml(string? clientAuth = null)
    {
        var yaml = $"tls:\n  certificate: {Yaml.Quote(ServerCertificate)}\n  key: {Yaml.Quote(ServerKey)}\n";
        if (clientAuth is not null)
        {
            yaml += $"  clientcas:\n    - {Yaml.Quote(ClientCa)}\n  clientauth: {clientAuth}\n";
        }

        return yaml;
    }

    /// <summary>
    /// Writes a directory in the layout of containers-certs.d, which skopeo's <c>--cert-dir</c>
    /// options read: the server CA (<c>*.crt</c>) and, when asked, the client pair (<c>*.cert</c>, <c>*.key</c>).
    /// </summary>
    public string SkopeoDirectory(string directory, bool withClientCertificate)
    {
        File.Copy(CaCertificate, Path.Combine(directory, "registry-ca.crt"));
        if (withClientCertificate)
        {
            File.Copy(ClientCertificate, Path.Combine(directory, "client.cert"));
            File.Copy(ClientKey, Path.Combine(directory, "client.key"));
        }

        return directory;
    }

    private void WriteClientPair(string caName, string caSubject, string clientName, string clientSubject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var ca = CreateCa(caSubject, notBefore, notAfter);
        using var caKey = ca.GetECDsaPrivateKey()!;
        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Write(caName, ca, caKey);

        var request = new CertificateRequest($"CN={clientSubject}", clientKey, HashAlgorithmName.SHA256);
        AddLeafExtensions(request, ca, ClientAuthentication, X509KeyUsageFlags.DigitalSignature);
        using var client = Issue(request, ca, notBefore, notAfter);
        Write(clientName, client, clientKey);
    }

    private static X509Certificate2 CreateCa(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    private static void AddLeafExtensions(CertificateRequest request, X509Certificate2 issuer, Oid extendedUsage, X509KeyUsageFlags usage)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([extendedUsage], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
    }

    /// <summary>
    /// Signs <paramref name="request"/> with the ECDSA key of <paramref name="issuer"/>. The generator
    /// overload of Create is needed because the subject key can be RSA.
    /// </summary>
    private static X509Certificate2 Issue(CertificateRequest request, X509Certificate2 issuer, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var issuerKey = issuer.GetECDsaPrivateKey()!;
        var generator = X509SignatureGenerator.CreateForECDsa(issuerKey);
        return request.Create(issuer.SubjectName, generator, notBefore, notAfter, NewSerialNumber());
    }

    /// <summary>Returns a random, positive, non-zero 16-byte serial number (RFC 5280 allows up to 20 bytes).</summary>
    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }

    private void Write(string name, X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        File.WriteAllText(In($"{name}.crt"), certificate.ExportCertificatePem() + "\n");
        WritePrivateKey(In($"{name}.key"), key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>Writes a private key file that only its owner can read or write (mode 0600 on Unix).</summary>
    private static void WritePrivateKey(string path, string pem)
    {
        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, pem);
    }

    private string In(string name) => Path.Combine(_directory, name);
}
