using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>
/// The <c>http.tls</c> section: TLS for the registry's server from PEM files. TLS is on when
/// <c>certificate</c> is set, and then <c>key</c> is required too.
/// </summary>
public sealed class HttpTlsSection : IValidatedSection
{
    /// <summary>The cipher suites distribution accepts in <c>ciphersuites</c>. Each name is also a <see cref="System.Net.Security.TlsCipherSuite"/> member.</summary>
    public static readonly IReadOnlyList<string> KnownCipherSuites =
    [
        "TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA",
        "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256",
    ];

    /// <summary>The cipher suites distribution (v2.8 and v3.0) uses when <c>ciphersuites</c> is empty.</summary>
    public static readonly IReadOnlyList<string> DefaultCipherSuites =
    [
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384",
    ];

    /// <summary><c>certificate</c>: the PEM file of the server certificate, optionally followed by its chain.</summary>
    [ConfigKey("certificate")]
    public string Certificate { get; set; } = "";

    /// <summary><c>key</c>: the PEM file of the certificate's private key.</summary>
    [ConfigKey("key")]
    public string Key { get; set; } = "";

    /// <summary><c>clientcas</c>: PEM files of the CAs that client certificates must chain to. Default none (no client certificates).</summary>
    [ConfigKey("clientcas")]
    public List<string> ClientCas { get; set; } = [];

    /// <summary><c>clientauth</c>: how client certificates are requested when <c>clientcas</c> is set. Default require-and-verify-client-cert.</summary>
    [ConfigKey("clientauth")]
    public TlsClientAuth ClientAuth { get; set; } = TlsClientAuth.RequireAndVerifyClientCert;

    /// <summary><c>minimumtls</c>: the lowest TLS version accepted. Default tls1.2.</summary>
    [ConfigKey("minimumtls")]
    public MinimumTlsVersion MinimumTls { get; set; } = MinimumTlsVersion.Tls12;

    /// <summary>
    /// <c>ciphersuites</c>: the cipher suites allowed, by their IANA names from <see cref="KnownCipherSuites"/>.
    /// Default empty, which means <see cref="DefaultCipherSuites"/>.
    /// </summary>
    [ConfigKey("ciphersuites")]
    public List<string> CipherSuites { get; set; } = [];

    /// <summary><c>letsencrypt</c>: certificates from an ACME service instead of files.</summary>
    [ConfigKey("letsencrypt")]
    public LetsEncryptSection LetsEncrypt { get; set; } = new();

    /// <summary>Whether TLS is configured from <see cref="Certificate"/> and <see cref="Key"/>.</summary>
    public bool Enabled => Certificate.Length > 0;

    void IValidatedSection.Validate(ValidationContext context)
    {
        const string pair = "TLS needs both certificate and key";
        if (Certificate.Length > 0 || Key.Length > 0)
        {
            context.RequireText(this, "certificate", Certificate, pair);
            context.RequireText(this, "key", Key, pair);
        }

        for (var index = 0; index < ClientCas.Count; index++)
        {
            if (string.IsNullOrWhiteSpace(ClientCas[index]))
            {
                throw context.Invalid(this, $"clientcas[{index}]", "must be the path of a PEM file of CA certificates");
            }
        }

        for (var index = 0; index < CipherSuites.Count; index++)
        {
            if (!KnownCipherSuites.Contains(CipherSuites[index]))
            {
                throw context.Invalid(this, $"ciphersuites[{index}]", "must be a cipher suite name such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
            }
        }

        if (context.IsSet(this, "clientauth") && ClientCas.Count == 0)
        {
            context.Warn(this, "clientauth", "http.tls.clientauth has no effect without http.tls.clientcas, so client certificates are not requested");
        }

        if (LetsEncrypt.Enabled && Enabled)
        {
            context.Warn(LetsEncrypt, null, "http.tls.letsencrypt is ignored because http.tls.certificate is set");
        }
    }
}

/// <summary>An <c>http.tls.clientauth</c> value: Go's names for the client certificate modes.</summary>
public enum TlsClientAuth
{
    /// <summary>Ask for a certificate, accept a connection without one, and do not verify it.</summary>
    [ConfigName("request-client-cert")]
    RequestClientCert,

    /// <summary>Require a certificate but do not verify it.</summary>
    [ConfigName("require-any-client-cert")]
    RequireAnyClientCert,

    /// <summary>Verify a certificate if the client sends one.</summary>
    [ConfigName("verify-client-cert-if-given")]
    VerifyClientCertIfGiven,

    /// <summary>Require a certificate that chains to one of <c>clientcas</c>.</summary>
    [ConfigName("require-and-verify-client-cert")]
    RequireAndVerifyClientCert,
}

/// <summary>An <c>http.tls.minimumtls</c> value.</summary>
public enum MinimumTlsVersion
{
    [ConfigName("tls1.0")]
    Tls10,

    [ConfigName("tls1.1")]
    Tls11,

    [ConfigName("tls1.2")]
    Tls12,

    [ConfigName("tls1.3")]
    Tls13,
}

/// <summary>The <c>http.tls.letsencrypt</c> section, in which <c>cachefile</c> and <c>email</c> are required when it is used.</summary>
public sealed class LetsEncryptSection : IValidatedSection
{
    /// <summary><c>cachefile</c>: the file where certificates and the account key are cached.</summary>
    [ConfigKey("cachefile")]
    public string CacheFile { get; set; } = "";

    /// <summary><c>email</c>: the account's contact address.</summary>
    [ConfigKey("email")]
    public string Email { get; set; } = "";

    /// <summary><c>hosts</c>: the host names certificates may be requested for. Default any.</summary>
    [ConfigKey("hosts")]
    public List<string> Hosts { get; set; } = [];

    /// <summary><c>directoryurl</c>: the ACME directory. Default Let's Encrypt's.</summary>
    [ConfigKey("directoryurl")]
    public string DirectoryUrl { get; set; } = "";

    /// <summary>Whether any key of the section is set.</summary>
    public bool Enabled => CacheFile.Length > 0 || Email.Length > 0 || Hosts.Count > 0 || DirectoryUrl.Length > 0;

    void IValidatedSection.Validate(ValidationContext context)
    {
        if (!Enabled)
        {
            return;
        }

        context.RequireText(this, "cachefile", CacheFile, "Let's Encrypt needs cachefile and email");
        context.RequireText(this, "email", Email, "Let's Encrypt needs cachefile and email");
        if (DirectoryUrl.Length > 0 && !HttpSection.IsHttpUrl(DirectoryUrl))
        {
            throw context.Invalid(this, "directoryurl", "must be an absolute http or https URL");
        }
    }
}
