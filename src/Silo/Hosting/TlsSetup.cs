using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Registry.Silo.Configuration;

namespace Registry.Silo.Hosting;

/// <summary>
/// The loaded form of <see cref="TlsOptions"/>: the server certificate with its key and
/// intermediates, the client CAs and the cipher suite policy, read once at start-up so that a
/// missing or invalid file stops the registry with a message that names its key.
/// </summary>
internal sealed partial class TlsSetup
{
    /// <summary>The extended key usage a client certificate must allow when it has the extension (id-kp-clientAuth).</summary>
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly TlsOptions _options;
    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2Collection _intermediates;
    private readonly X509Certificate2Collection _clientCas;
    private readonly CipherSuitesPolicy? _cipherSuites;

    private TlsSetup(
        TlsOptions options,
        X509Certificate2 certificate,
        X509Certificate2Collection intermediates,
        X509Certificate2Collection clientCas,
        CipherSuitesPolicy? cipherSuites)
    {
        _options = options;
        _certificate = certificate;
        _intermediates = intermediates;
        _clientCas = clientCas;
        _cipherSuites = cipherSuites;
    }

    /// <summary>The Kestrel mode that matches <see cref="TlsOptions.ClientAuth"/>. Without client CAs no certificate is requested.</summary>
    public ClientCertificateMode ClientCertificateMode => _clientCas.Count == 0
        ? ClientCertificateMode.NoCertificate
        : _options.ClientAuth switch
        {
            ClientAuthMode.RequireAnyClientCert or ClientAuthMode.RequireAndVerifyClientCert => ClientCertificateMode.RequireCertificate,
            _ => ClientCertificateMode.AllowCertificate,
        };

    /// <summary>Whether a client certificate that is sent must chain to the client CAs.</summary>
    public bool VerifiesClientCertificates =>
        _clientCas.Count > 0 && _options.ClientAuth is ClientAuthMode.VerifyClientCertIfGiven or ClientAuthMode.RequireAndVerifyClientCert;

    public string CertificateSubject => _certificate.Subject;

    /// <summary>Reads the files that <paramref name="options"/> names, and throws <see cref="ConfigurationException"/> naming the key that failed.</summary>
    public static TlsSetup Load(TlsOptions options)
    {
        if (string.IsNullOrEmpty(options.CertificatePath))
        {
            throw new ConfigurationException("http.tls.certificate is missing. TLS needs a PEM certificate file and http.tls.key");
        }

        if (string.IsNullOrEmpty(options.KeyPath))
        {
            throw new ConfigurationException("http.tls.key is missing. TLS needs the PEM private key of http.tls.certificate");
        }

        RequireFile(options.CertificatePath, "http.tls.certificate");
        RequireFile(options.KeyPath, "http.tls.key");
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(options.CertificatePath, options.KeyPath);
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            // A key of another certificate raises ArgumentException, and malformed PEM raises CryptographicException.
            throw new ConfigurationException(
                $"http.tls.certificate {options.CertificatePath} with http.tls.key {options.KeyPath} could not be loaded: {exception.Message}. " +
                "Both must be PEM files, the key unencrypted and matching the certificate");
        }

        var intermediates = ReadBundle(options.CertificatePath, "http.tls.certificate");
        for (var i = intermediates.Count - 1; i >= 0; i--)
        {
            if (intermediates[i].Thumbprint == certificate.Thumbprint)
            {
                intermediates.RemoveAt(i);
            }
        }

        var clientCas = new X509Certificate2Collection();
        foreach (var path in options.ClientCaPaths)
        {
            RequireFile(path, "http.tls.clientcas");
            var bundle = ReadBundle(path, "http.tls.clientcas");
            if (bundle.Count == 0)
            {
                throw new ConfigurationException($"http.tls.clientcas entry {path} contains no PEM certificate");
            }

            clientCas.AddRange(bundle);
        }

        return new TlsSetup(options, certificate, intermediates, clientCas, CreateCipherSuitesPolicy(options.CipherSuites));
    }

    /// <summary>Returns the Kestrel HTTPS settings of this setup, logging rejected client certificates to <paramref name="logger"/>.</summary>
    public HttpsConnectionAdapterOptions CreateAdapterOptions(ILogger logger)
    {
        var adapter = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = _certificate,
            ServerCertificateChain = _intermediates,
            SslProtocols = _options.Protocols,
            ClientCertificateMode = ClientCertificateMode,
            CheckCertificateRevocation = false,
        };

        // Kestrel calls the callback only for a certificate the client sent. A missing one is accepted or rejected by the mode alone.
        adapter.ClientCertificateValidation = (certificate, presentedChain, _) => ValidateClientCertificate(certificate, presentedChain, logger);

        if (_cipherSuites is not null)
        {
            var policy = _cipherSuites;
            adapter.OnAuthenticate = (_, authentication) => authentication.CipherSuitesPolicy = policy;
        }

        return adapter;
    }

    /// <summary>
    /// Accepts any certificate in the modes that do not verify, and otherwise builds its chain
    /// against the client CAs alone (no system roots, no revocation check), with the intermediates
    /// the client sent, as Go's <c>VerifyClientCertIfGiven</c> and <c>RequireAndVerifyClientCert</c> do.
    /// </summary>
    internal bool ValidateClientCertificate(X509Certificate2 certificate, X509Chain? presentedChain, ILogger logger)
    {
        if (!VerifiesClientCertificates)
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_clientCas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                if (element.Certificate.Thumbprint != certificate.Thumbprint)
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }
        }

        if (chain.Build(certificate))
        {
            return true;
        }

        var reasons = string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation.Trim()).Where(text => text.Length > 0).Distinct());
        LogClientCertificateRejected(logger, certificate.Subject, certificate.Issuer, reasons);
        return false;
    }

    private static CipherSuitesPolicy? CreateCipherSuitesPolicy(IReadOnlyList<TlsCipherSuite> configured)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            return new CipherSuitesPolicy(TlsNames.EffectiveCipherSuites(configured));
        }

        // Windows takes cipher suites from the system policy (SChannel), not from the process.
        return configured.Count == 0
            ? null
            : throw new ConfigurationException("http.tls.ciphersuites cannot be set on this operating system. Remove it and configure the system's TLS policy instead");
    }

    private static void RequireFile(string path, string key)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{key} names {path}, but that file does not exist");
        }
    }

    private static X509Certificate2Collection ReadBundle(string path, string key)
    {
        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPemFile(path);
        }
        catch (CryptographicException exception)
        {
            throw new ConfigurationException($"{key} file {path} is not a valid PEM certificate bundle: {exception.Message}");
        }

        return bundle;
    }

    [LoggerMessage(EventId = HostEventIds.ClientCertificateRejected, Level = LogLevel.Debug, Message = "Rejected the TLS client certificate {Subject} issued by {Issuer}: {Reasons}")]
    private static partial void LogClientCertificateRejected(ILogger logger, string subject, string issuer, string reasons);
}
