using System.Net.Security;
using System.Security.Authentication;
using Registry.Silo.Configuration;

namespace Registry.Silo.Hosting;

/// <summary>
/// The names that distribution's <c>http.tls</c> section uses for TLS versions, client
/// authentication modes and cipher suites, and their .NET values. Each parser throws a
/// <see cref="ConfigurationException"/> that names the key, the value and the accepted values.
/// </summary>
public static class TlsNames
{
    public const string DefaultMinimumVersion = "tls1.2";

    /// <summary>
    /// The cipher suites offered when <c>http.tls.ciphersuites</c> is not set: distribution's
    /// documented default list (v3.0).
    /// </summary>
    public static readonly IReadOnlyList<TlsCipherSuite> DefaultCipherSuites =
    [
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
    ];

    /// <summary>The TLS 1.3 suites, which Go (and so distribution) always offers whatever the configured list contains.</summary>
    public static readonly IReadOnlyList<TlsCipherSuite> Tls13CipherSuites =
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
    ];

    private static readonly Dictionary<string, SslProtocols> MinimumVersions = new(StringComparer.Ordinal)
    {
#pragma warning disable SYSLIB0039 // TLS 1.0 and 1.1 are obsolete, but distribution accepts them as a minimum.
        ["tls1.0"] = SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13,
        ["tls1.1"] = SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13,
#pragma warning restore SYSLIB0039
        ["tls1.2"] = SslProtocols.Tls12 | SslProtocols.Tls13,
        ["tls1.3"] = SslProtocols.Tls13,
    };

    private static readonly Dictionary<string, ClientAuthMode> ClientAuthModes = new(StringComparer.Ordinal)
    {
        ["request-client-cert"] = ClientAuthMode.RequestClientCert,
        ["require-any-client-cert"] = ClientAuthMode.RequireAnyClientCert,
        ["verify-client-cert-if-given"] = ClientAuthMode.VerifyClientCertIfGiven,
        ["require-and-verify-client-cert"] = ClientAuthMode.RequireAndVerifyClientCert,
    };

    /// <summary>The cipher suite names distribution accepts (v3.0 documentation), in its order.</summary>
    private static readonly Dictionary<string, TlsCipherSuite> CipherSuiteNames = new(StringComparer.Ordinal)
    {
        ["TLS_RSA_WITH_RC4_128_SHA"] = TlsCipherSuite.TLS_RSA_WITH_RC4_128_SHA,
        ["TLS_RSA_WITH_3DES_EDE_CBC_SHA"] = TlsCipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
        ["TLS_RSA_WITH_AES_128_CBC_SHA"] = TlsCipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
        ["TLS_RSA_WITH_AES_256_CBC_SHA"] = TlsCipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
        ["TLS_RSA_WITH_AES_128_CBC_SHA256"] = TlsCipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256,
        ["TLS_RSA_WITH_AES_128_GCM_SHA256"] = TlsCipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
        ["TLS_RSA_WITH_AES_256_GCM_SHA384"] = TlsCipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
        ["TLS_ECDHE_ECDSA_WITH_RC4_128_SHA"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_RC4_128_SHA,
        ["TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        ["TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
        ["TLS_ECDHE_RSA_WITH_RC4_128_SHA"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_RC4_128_SHA,
        ["TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,
        ["TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
        ["TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
        ["TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        ["TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
        ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        ["TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        ["TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        ["TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"] = TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        ["TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"] = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        ["TLS_AES_128_GCM_SHA256"] = TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        ["TLS_AES_256_GCM_SHA384"] = TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        ["TLS_CHACHA20_POLY1305_SHA256"] = TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
    };

    /// <summary>Returns the protocols accepted for a <c>minimumtls</c> value: that version and every later one.</summary>
    public static SslProtocols ProtocolsFrom(string minimumVersion, string key = "http.tls.minimumtls") =>
        MinimumVersions.TryGetValue(minimumVersion, out var protocols)
            ? protocols
            : throw new ConfigurationException($"{key} is '{minimumVersion}', but must be one of {string.Join(", ", MinimumVersions.Keys)}");

    public static ClientAuthMode ParseClientAuth(string value, string key = "http.tls.clientauth") =>
        ClientAuthModes.TryGetValue(value, out var mode)
            ? mode
            : throw new ConfigurationException($"{key} is '{value}', but must be one of {string.Join(", ", ClientAuthModes.Keys)}");

    /// <summary>Parses a <c>ciphersuites</c> list. An unknown name fails with the name and the list of accepted ones.</summary>
    public static IReadOnlyList<TlsCipherSuite> ParseCipherSuites(IEnumerable<string> names, string key = "http.tls.ciphersuites")
    {
        var suites = new List<TlsCipherSuite>();
        foreach (var name in names)
        {
            if (!CipherSuiteNames.TryGetValue(name, out var suite))
            {
                throw new ConfigurationException(
                    $"{key} contains '{name}', which is not a cipher suite the registry knows; use one of {string.Join(", ", CipherSuiteNames.Keys)}");
            }

            if (!suites.Contains(suite))
            {
                suites.Add(suite);
            }
        }

        return suites;
    }

    /// <summary>
    /// Returns the suites to offer for a configured list: the list (or <see cref="DefaultCipherSuites"/>
    /// when it is empty) followed by every TLS 1.3 suite it lacks, because Go does not let a
    /// configuration restrict TLS 1.3.
    /// </summary>
    public static IReadOnlyList<TlsCipherSuite> EffectiveCipherSuites(IReadOnlyList<TlsCipherSuite> configured)
    {
        var suites = new List<TlsCipherSuite>(configured.Count == 0 ? DefaultCipherSuites : configured);
        foreach (var suite in Tls13CipherSuites)
        {
            if (!suites.Contains(suite))
            {
                suites.Add(suite);
            }
        }

        return suites;
    }
}
