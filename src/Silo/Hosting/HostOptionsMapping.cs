using Registry.Gateway.Auth;
using Registry.Grains.Maintenance;
using Registry.Silo.Configuration;

namespace Registry.Silo.Hosting;

/// <summary>Maps the parsed <c>config.yml</c> onto the settings of each component the host wires.</summary>
public static class HostOptionsMapping
{
    public static RegistryHostOptions From(RegistryConfiguration configuration)
    {
        var http = configuration.Http;
        var purging = configuration.Storage.Maintenance.UploadPurging;
        return new RegistryHostOptions
        {
            Listener = new ListenerOptions
            {
                Network = http.Network == HttpNetwork.Unix ? ListenNetwork.Unix : ListenNetwork.Tcp,
                Prefix = http.Prefix,
                Host = http.Host.Length == 0 ? null : new Uri(http.Host),
                RelativeUrls = http.RelativeUrls,

                // 0 (the default) keeps the host's own graceful stop rather than cutting requests.
                DrainTimeout = http.DrainTimeout > TimeSpan.Zero ? http.DrainTimeout : null,
                Headers = http.Headers.ToDictionary(header => header.Key, header => (IReadOnlyList<string>)header.Value, StringComparer.OrdinalIgnoreCase),
                Http2Disabled = http.Http2.Disabled,
            },
            Tls = http.Tls.Enabled ? Tls(http.Tls) : null,
            ReadOnly = configuration.Storage.Maintenance.ReadOnly.Enabled,
            UploadPurging = new UploadPurgeOptions
            {
                Enabled = purging.Enabled,
                Age = purging.Age,
                Interval = purging.Interval,
                DryRun = purging.DryRun,
            },
            Debug = http.Debug.Enabled
                ? new DebugServerOptions
                {
                    Address = http.Debug.Address,
                    PrometheusEnabled = http.Debug.Prometheus.Enabled,
                    PrometheusPath = http.Debug.Prometheus.Path,
                }
                : null,
            Auth = Auth(configuration.Auth),
            MaxPageSize = configuration.Catalog.MaxEntries,
            JsonLogs = configuration.Log.Formatter != LogFormat.Text,
        };
    }

    private static TlsOptions Tls(HttpTlsSection tls) => new()
    {
        CertificatePath = tls.Certificate,
        KeyPath = tls.Key,
        ClientCaPaths = tls.ClientCas,
        ClientAuth = tls.ClientAuth switch
        {
            TlsClientAuth.RequestClientCert => ClientAuthMode.RequestClientCert,
            TlsClientAuth.RequireAnyClientCert => ClientAuthMode.RequireAnyClientCert,
            TlsClientAuth.VerifyClientCertIfGiven => ClientAuthMode.VerifyClientCertIfGiven,
            _ => ClientAuthMode.RequireAndVerifyClientCert,
        },
        Protocols = TlsNames.ProtocolsFrom(tls.MinimumTls switch
        {
            MinimumTlsVersion.Tls10 => "tls1.0",
            MinimumTlsVersion.Tls11 => "tls1.1",
            MinimumTlsVersion.Tls13 => "tls1.3",
            _ => "tls1.2",
        }),
        CipherSuites = TlsNames.ParseCipherSuites(tls.CipherSuites),
    };

    private static AuthOptions? Auth(AuthSection auth)
    {
        if (auth.Silly is { } silly)
        {
            return new AuthOptions { Silly = new SillyAuthOptions { Realm = silly.Realm, Service = silly.Service } };
        }

        if (auth.Htpasswd is { } htpasswd)
        {
            return new AuthOptions { Htpasswd = new HtpasswdAuthOptions { Realm = htpasswd.Realm, Path = htpasswd.Path } };
        }

        if (auth.Token is { } token)
        {
            return new AuthOptions
            {
                Token = new TokenAuthOptions
                {
                    Realm = token.Realm,
                    Service = token.Service,
                    Issuer = token.Issuer,
                    RootCertBundle = NullIfEmpty(token.RootCertBundle),
                    Jwks = NullIfEmpty(token.Jwks),
                    SigningAlgorithms = token.SigningAlgorithms.ToList(),
                    AutoRedirect = token.AutoRedirect,
                    AutoRedirectPath = token.AutoRedirectPath,
                },
            };
        }

        return null;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
