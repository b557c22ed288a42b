using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Registry.Silo.Hosting;

namespace Registry.UnitTests.Hosting;

/// <summary>HTTPS on a real host: server certificate, client certificate modes, TLS versions and HTTP/2.</summary>
public sealed class TlsHostTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-tls-host-").FullName;
    private readonly X509Certificate2 _ca = TestCertificates.CreateCa("registry test CA");
    private readonly X509Certificate2 _otherCa = TestCertificates.CreateCa("unknown CA");

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        _ca.Dispose();
        _otherCa.Dispose();
    }

    [Fact]
    public async Task ServerCertificate_TrustedClient_GetsBaseOverHttp2()
    {
        await using var host = await StartAsync(new TlsOptions());
        using var client = CreateClient(clientCertificate: null);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(host, "/v2/")) { Version = HttpVersion.Version20 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
    }

    [Fact]
    public async Task Http2Disabled_ServesHttp11()
    {
        await using var host = await StartAsync(new TlsOptions(), http2Disabled: true);
        using var client = CreateClient(clientCertificate: null);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(host, "/v2/"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
    }

    [Fact]
    public async Task RequireAndVerify_KnownCa_IsServed()
    {
        await using var host = await StartAsync(WithClientCas(ClientAuthMode.RequireAndVerifyClientCert));
        using var certificate = TestCertificates.Issue(_ca, "client", forClient: true);
        using var client = CreateClient(certificate);

        using var response = await client.GetAsync(Url(host, "/v2/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RequireAndVerify_UnknownCa_HandshakeFails()
    {
        await using var host = await StartAsync(WithClientCas(ClientAuthMode.RequireAndVerifyClientCert));
        using var certificate = TestCertificates.Issue(_otherCa, "intruder", forClient: true);
        using var client = CreateClient(certificate);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(Url(host, "/v2/")));
    }

    [Fact]
    public async Task RequireAndVerify_NoClientCertificate_HandshakeFails()
    {
        await using var host = await StartAsync(WithClientCas(ClientAuthMode.RequireAndVerifyClientCert));
        using var client = CreateClient(clientCertificate: null);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(Url(host, "/v2/")));
    }

    [Fact]
    public async Task VerifyIfGiven_NoClientCertificate_IsServed()
    {
        await using var host = await StartAsync(WithClientCas(ClientAuthMode.VerifyClientCertIfGiven));
        using var client = CreateClient(clientCertificate: null);

        using var response = await client.GetAsync(Url(host, "/v2/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RequireAny_ClientFromUnknownCa_IsServed()
    {
        await using var host = await StartAsync(WithClientCas(ClientAuthMode.RequireAnyClientCert));
        using var certificate = TestCertificates.Issue(_otherCa, "anyone", forClient: true);
        using var client = CreateClient(certificate);

        using var response = await client.GetAsync(Url(host, "/v2/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MinimumTls13_Tls12Client_HandshakeFails()
    {
        await using var host = await StartAsync(new TlsOptions { Protocols = TlsNames.ProtocolsFrom("tls1.3") });
        using var client = CreateClient(clientCertificate: null, SslProtocols.Tls12);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(Url(host, "/v2/")));
    }

    [Fact]
    public async Task CipherSuites_ConfiguredSuite_IsServed()
    {
        var options = new TlsOptions { CipherSuites = TlsNames.ParseCipherSuites(["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"]) };
        await using var host = await StartAsync(options);
        using var client = CreateClient(clientCertificate: null, SslProtocols.Tls12);

        using var response = await client.GetAsync(Url(host, "/v2/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HttpsLocation_IsAbsoluteHttpsUrl()
    {
        await using var host = await StartAsync(new TlsOptions());
        using var client = CreateClient(clientCertificate: null);

        using var response = await client.PostAsync(Url(host, "/v2/team/app/blobs/uploads/"), null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith($"https://127.0.0.1:{host.Port}/v2/team/app/blobs/uploads/", response.Headers.Location?.OriginalString);
    }

    private static string Url(HostRunner host, string path) => $"https://127.0.0.1:{host.Port}{path}";

    private TlsOptions WithClientCas(ClientAuthMode mode)
    {
        var (caPath, _) = TestCertificates.WritePem(_ca, _directory, "client-ca");
        return new TlsOptions { ClientCaPaths = [caPath], ClientAuth = mode };
    }

    private async Task<HostRunner> StartAsync(TlsOptions tls, bool http2Disabled = false)
    {
        using var server = TestCertificates.Issue(_ca, "localhost", forClient: false);
        var (certificatePath, keyPath) = TestCertificates.WritePem(server, _directory, "server");
        tls.CertificatePath = certificatePath;
        tls.KeyPath = keyPath;
        return await HostRunner.StartAsync(new RegistryHostOptions
        {
            Tls = tls,
            Listener = new ListenerOptions { Http2Disabled = http2Disabled },
        });
    }

    /// <summary>A client that trusts only the test CA and presents <paramref name="clientCertificate"/> when it is given.</summary>
    private HttpClient CreateClient(X509Certificate2? clientCertificate, SslProtocols protocols = SslProtocols.None)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.EnabledSslProtocols = protocols;
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            CustomTrustStore = { _ca },
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
