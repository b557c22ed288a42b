using System.Net.Security;
using System.Security.Authentication;
using Registry.Silo.Configuration;
using Registry.Silo.Hosting;

namespace Registry.UnitTests.Hosting;

public sealed class TlsNamesTests
{
#pragma warning disable SYSLIB0039 // TLS 1.0 and 1.1 appear because distribution accepts them as a minimum.
    [Theory]
    [InlineData("tls1.0", SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13)]
    [InlineData("tls1.1", SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13)]
    [InlineData("tls1.2", SslProtocols.Tls12 | SslProtocols.Tls13)]
    [InlineData("tls1.3", SslProtocols.Tls13)]
    public void ProtocolsFrom_KnownVersion_IncludesItAndLaterOnes(string name, SslProtocols expected)
    {
        Assert.Equal(expected, TlsNames.ProtocolsFrom(name));
    }
#pragma warning restore SYSLIB0039

    [Fact]
    public void ProtocolsFrom_Default_IsTls12AndLater()
    {
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, new TlsOptions().Protocols);
    }

    [Theory]
    [InlineData("TLS1.2")]
    [InlineData("tls12")]
    [InlineData("ssl3.0")]
    [InlineData("")]
    public void ProtocolsFrom_UnknownVersion_NamesKeyAndValue(string name)
    {
        var exception = Assert.Throws<ConfigurationException>(() => TlsNames.ProtocolsFrom(name));
        Assert.Contains("http.tls.minimumtls", exception.Message);
        Assert.Contains($"'{name}'", exception.Message);
        Assert.Contains("tls1.3", exception.Message);
    }

    [Theory]
    [InlineData("request-client-cert", ClientAuthMode.RequestClientCert)]
    [InlineData("require-any-client-cert", ClientAuthMode.RequireAnyClientCert)]
    [InlineData("verify-client-cert-if-given", ClientAuthMode.VerifyClientCertIfGiven)]
    [InlineData("require-and-verify-client-cert", ClientAuthMode.RequireAndVerifyClientCert)]
    public void ParseClientAuth_DistributionName_ReturnsMode(string name, ClientAuthMode expected)
    {
        Assert.Equal(expected, TlsNames.ParseClientAuth(name));
    }

    [Fact]
    public void ParseClientAuth_Default_RequiresAndVerifies()
    {
        Assert.Equal(ClientAuthMode.RequireAndVerifyClientCert, new TlsOptions().ClientAuth);
    }

    [Theory]
    [InlineData("RequireAndVerifyClientCert")]
    [InlineData("require-client-cert")]
    [InlineData("none")]
    public void ParseClientAuth_UnknownMode_NamesKeyAndValue(string name)
    {
        var exception = Assert.Throws<ConfigurationException>(() => TlsNames.ParseClientAuth(name));
        Assert.Contains("http.tls.clientauth", exception.Message);
        Assert.Contains($"'{name}'", exception.Message);
        Assert.Contains("require-and-verify-client-cert", exception.Message);
    }

    [Theory]
    [InlineData("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)]
    [InlineData("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384)]
    [InlineData("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256)]
    [InlineData("TLS_RSA_WITH_AES_128_CBC_SHA", TlsCipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA)]
    [InlineData("TLS_RSA_WITH_RC4_128_SHA", TlsCipherSuite.TLS_RSA_WITH_RC4_128_SHA)]
    [InlineData("TLS_AES_256_GCM_SHA384", TlsCipherSuite.TLS_AES_256_GCM_SHA384)]
    public void ParseCipherSuites_DistributionName_ReturnsSuite(string name, TlsCipherSuite expected)
    {
        Assert.Equal([expected], TlsNames.ParseCipherSuites([name]));
    }

    [Fact]
    public void ParseCipherSuites_List_DropsRepeats()
    {
        var suites = TlsNames.ParseCipherSuites([
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        ]);

        Assert.Equal(
            [TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256],
            suites);
    }

    [Theory]
    [InlineData("TLS_NULL_WITH_NULL_NULL")]
    [InlineData("tls_ecdhe_rsa_with_aes_128_gcm_sha256")]
    [InlineData("ECDHE-RSA-AES128-GCM-SHA256")]
    public void ParseCipherSuites_UnknownName_NamesIt(string name)
    {
        var exception = Assert.Throws<ConfigurationException>(
            () => TlsNames.ParseCipherSuites(["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", name]));
        Assert.Contains("http.tls.ciphersuites", exception.Message);
        Assert.Contains($"'{name}'", exception.Message);
    }

    [Fact]
    public void EffectiveCipherSuites_Empty_IsDistributionDefaultList()
    {
        var suites = TlsNames.EffectiveCipherSuites([]);

        Assert.Equal(TlsNames.DefaultCipherSuites.Count, suites.Count);
        Assert.Equal(TlsNames.DefaultCipherSuites.ToHashSet(), suites.ToHashSet());
        Assert.DoesNotContain(TlsCipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, suites);
    }

    [Fact]
    public void EffectiveCipherSuites_Tls12Only_AddsTls13()
    {
        var suites = TlsNames.EffectiveCipherSuites([TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]);

        Assert.Equal(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, suites[0]);
        Assert.Equal(1 + TlsNames.Tls13CipherSuites.Count, suites.Count);
        foreach (var suite in TlsNames.Tls13CipherSuites)
        {
            Assert.Contains(suite, suites);
        }
    }
}
