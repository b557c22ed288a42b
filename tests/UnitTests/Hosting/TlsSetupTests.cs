using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Silo.Configuration;
using Registry.Silo.Hosting;

namespace Registry.UnitTests.Hosting;

public sealed class TlsSetupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-tls-tests-").FullName;
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _ca = TestCertificates.CreateCa("registry test CA");
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _otherCa = TestCertificates.CreateCa("unknown CA");

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        _ca.Dispose();
        _otherCa.Dispose();
    }

    [Fact]
    public void Load_MissingCertificateFile_NamesKeyAndPath()
    {
        var missing = Path.Combine(_directory, "missing.crt");
        var (_, key) = WriteServer();

        var exception = Assert.Throws<ConfigurationException>(() => TlsSetup.Load(new TlsOptions { CertificatePath = missing, KeyPath = key }));

        Assert.Contains("http.tls.certificate", exception.Message);
        Assert.Contains(missing, exception.Message);
    }

    [Fact]
    public void Load_KeyOfAnotherCertificate_NamesBothKeys()
    {
        var (certificate, _) = WriteServer();
        using var other = TestCertificates.Issue(_ca, "other", forClient: false);
        var (_, otherKey) = TestCertificates.WritePem(other, _directory, "other");

        var exception = Assert.Throws<ConfigurationException>(() => TlsSetup.Load(new TlsOptions { CertificatePath = certificate, KeyPath = otherKey }));

        Assert.Contains("http.tls.certificate", exception.Message);
        Assert.Contains("http.tls.key", exception.Message);
    }

    [Fact]
    public void Load_ClientCaFileWithoutCertificate_NamesKey()
    {
        var (certificate, key) = WriteServer();
        var empty = Path.Combine(_directory, "empty.pem");
        File.WriteAllText(empty, "not a certificate\n");

        var exception = Assert.Throws<ConfigurationException>(
            () => TlsSetup.Load(new TlsOptions { CertificatePath = certificate, KeyPath = key, ClientCaPaths = [empty] }));

        Assert.Contains("http.tls.clientcas", exception.Message);
        Assert.Contains(empty, exception.Message);
    }

    [Theory]
    [InlineData(ClientAuthMode.RequestClientCert, ClientCertificateMode.AllowCertificate, false)]
    [InlineData(ClientAuthMode.RequireAnyClientCert, ClientCertificateMode.RequireCertificate, false)]
    [InlineData(ClientAuthMode.VerifyClientCertIfGiven, ClientCertificateMode.AllowCertificate, true)]
    [InlineData(ClientAuthMode.RequireAndVerifyClientCert, ClientCertificateMode.RequireCertificate, true)]
    public void Load_ClientAuthMode_MapsToKestrelMode(ClientAuthMode mode, ClientCertificateMode expected, bool verifies)
    {
        var setup = LoadWithClientCas(mode);

        Assert.Equal(expected, setup.ClientCertificateMode);
        Assert.Equal(verifies, setup.VerifiesClientCertificates);
    }

    [Fact]
    public void Load_WithoutClientCas_RequestsNoCertificate()
    {
        var (certificate, key) = WriteServer();

        var setup = TlsSetup.Load(new TlsOptions { CertificatePath = certificate, KeyPath = key });

        Assert.Equal(ClientCertificateMode.NoCertificate, setup.ClientCertificateMode);
        Assert.False(setup.VerifiesClientCertificates);
    }

    [Fact]
    public void ValidateClientCertificate_IssuedByClientCa_Accepts()
    {
        var setup = LoadWithClientCas(ClientAuthMode.RequireAndVerifyClientCert);
        using var client = TestCertificates.Issue(_ca, "client", forClient: true);

        Assert.True(setup.ValidateClientCertificate(client, null, NullLogger.Instance));
    }

    [Fact]
    public void ValidateClientCertificate_FromUnknownCa_Rejects()
    {
        var setup = LoadWithClientCas(ClientAuthMode.RequireAndVerifyClientCert);
        using var client = TestCertificates.Issue(_otherCa, "intruder", forClient: true);

        Assert.False(setup.ValidateClientCertificate(client, null, NullLogger.Instance));
    }

    [Fact]
    public void ValidateClientCertificate_ServerOnlyUsage_Rejects()
    {
        var setup = LoadWithClientCas(ClientAuthMode.VerifyClientCertIfGiven);
        using var serverOnly = TestCertificates.Issue(_ca, "server-only", forClient: false);

        Assert.False(setup.ValidateClientCertificate(serverOnly, null, NullLogger.Instance));
    }

    [Theory]
    [InlineData(ClientAuthMode.RequestClientCert)]
    [InlineData(ClientAuthMode.RequireAnyClientCert)]
    public void ValidateClientCertificate_ModeWithoutVerification_AcceptsUnknownCa(ClientAuthMode mode)
    {
        var setup = LoadWithClientCas(mode);
        using var client = TestCertificates.Issue(_otherCa, "anyone", forClient: true);

        Assert.True(setup.ValidateClientCertificate(client, null, NullLogger.Instance));
    }

    private (string Certificate, string Key) WriteServer()
    {
        using var server = TestCertificates.Issue(_ca, "localhost", forClient: false);
        return TestCertificates.WritePem(server, _directory, "server");
    }

    private TlsSetup LoadWithClientCas(ClientAuthMode mode)
    {
        var (certificate, key) = WriteServer();
        var (caPath, _) = TestCertificates.WritePem(_ca, _directory, "client-ca");
        return TlsSetup.Load(new TlsOptions { CertificatePath = certificate, KeyPath = key, ClientCaPaths = [caPath], ClientAuth = mode });
    }
}
