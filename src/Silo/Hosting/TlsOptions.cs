using System.Net.Security;
using System.Security.Authentication;

namespace Registry.Silo.Hosting;

/// <summary>
/// How the server treats client certificates (<c>http.tls.clientauth</c>), with the semantics of
/// Go's <c>tls.ClientAuthType</c>, which distribution uses.
/// </summary>
public enum ClientAuthMode
{
    /// <summary><c>request-client-cert</c>: ask for a certificate, accept none, never verify one.</summary>
    RequestClientCert,

    /// <summary><c>require-any-client-cert</c>: require a certificate, never verify it.</summary>
    RequireAnyClientCert,

    /// <summary><c>verify-client-cert-if-given</c>: accept none, but verify one that is sent.</summary>
    VerifyClientCertIfGiven,

    /// <summary><c>require-and-verify-client-cert</c>: require a certificate that chains to <c>clientcas</c>.</summary>
    RequireAndVerifyClientCert,
}

/// <summary>Settings of TLS on the registry's listener (<c>http.tls</c>).</summary>
public sealed class TlsOptions
{
    /// <summary><c>http.tls.certificate</c>: path of the PEM server certificate, optionally followed by its intermediates. Required.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary><c>http.tls.key</c>: path of the PEM private key of the certificate (PKCS#1, PKCS#8 or SEC1, unencrypted). Required.</summary>
    public string KeyPath { get; set; } = "";

    /// <summary>
    /// <c>http.tls.clientcas</c>: paths of PEM bundles of the CAs that client certificates must chain
    /// to. When empty, the server requests no client certificate and <see cref="ClientAuth"/> is ignored.
    /// </summary>
    public IReadOnlyList<string> ClientCaPaths { get; set; } = [];

    /// <summary><c>http.tls.clientauth</c>: default <see cref="ClientAuthMode.RequireAndVerifyClientCert"/>, as distribution.</summary>
    public ClientAuthMode ClientAuth { get; set; } = ClientAuthMode.RequireAndVerifyClientCert;

    /// <summary><c>http.tls.minimumtls</c>: the protocol versions accepted; default TLS 1.2 and 1.3.</summary>
    public SslProtocols Protocols { get; set; } = TlsNames.ProtocolsFrom(TlsNames.DefaultMinimumVersion);

    /// <summary>
    /// <c>http.tls.ciphersuites</c>: the TLS 1.2 and earlier cipher suites offered. Empty means
    /// <see cref="TlsNames.DefaultCipherSuites"/>. TLS 1.3 always offers all of its suites, as in Go.
    /// </summary>
    public IReadOnlyList<TlsCipherSuite> CipherSuites { get; set; } = [];
}
