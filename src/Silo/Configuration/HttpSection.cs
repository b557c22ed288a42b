using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>The <c>http</c> section: the registry's HTTP server.</summary>
public sealed class HttpSection : IValidatedSection
{
    /// <summary>
    /// <c>http.addr</c>: <c>host:port</c> to listen on for <c>net: tcp</c>, or a socket path for
    /// <c>net: unix</c>. The built-in default is <c>127.0.0.1:5000</c>, so a registry started without
    /// this key is not reachable from other machines. With <c>:5000</c> it listens on all interfaces.
    /// </summary>
    [ConfigKey("addr")]
    public string Address { get; set; } = "127.0.0.1:5000";

    /// <summary><c>http.net</c>: tcp or unix. Default tcp.</summary>
    [ConfigKey("net")]
    public HttpNetwork Network { get; set; } = HttpNetwork.Tcp;

    /// <summary><c>http.prefix</c>: the path the registry is served under, such as <c>/registry/</c>. Default the root.</summary>
    [ConfigKey("prefix")]
    public string Prefix { get; set; } = "";

    /// <summary><c>http.host</c>: the external URL of the registry, used to build the URLs it returns. Default from each request.</summary>
    [ConfigKey("host")]
    public string Host { get; set; } = "";

    /// <summary><c>http.secret</c>: the key that signs state kept by clients. Default empty, for which distribution generates one at start.</summary>
    [ConfigKey("secret")]
    [Secret]
    public string Secret { get; set; } = "";

    /// <summary><c>http.relativeurls</c>: whether Location headers are relative URLs. Default false.</summary>
    [ConfigKey("relativeurls")]
    public bool RelativeUrls { get; set; }

    /// <summary><c>http.draintimeout</c>: how long open connections may finish after SIGTERM, as a Go duration. Default 0 (no wait).</summary>
    [ConfigKey("draintimeout")]
    public TimeSpan DrainTimeout { get; set; }

    /// <summary><c>http.headers</c>: headers added to every response, each a name and a list of values. Default none.</summary>
    [ConfigKey("headers")]
    public Dictionary<string, List<string>> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>http.tls</c>: TLS for the server. Off unless a certificate is given.</summary>
    [ConfigKey("tls")]
    public HttpTlsSection Tls { get; set; } = new();

    /// <summary><c>http.debug</c>: the debug server (health and metrics). Off unless an address is given.</summary>
    [ConfigKey("debug")]
    public HttpDebugSection Debug { get; set; } = new();

    /// <summary><c>http.http2</c>: HTTP/2 over TLS.</summary>
    [ConfigKey("http2")]
    public Http2Section Http2 { get; set; } = new();

    /// <summary><c>http.h2c</c>: HTTP/2 without TLS (distribution v3).</summary>
    [ConfigKey("h2c")]
    public H2cSection H2c { get; set; } = new();

    void IValidatedSection.Validate(ValidationContext context)
    {
        if (Network == HttpNetwork.Tcp && !ListenAddress.TryParse(Address, out _))
        {
            throw context.Invalid(this, "addr", ListenAddress.Rule);
        }

        if (Network == HttpNetwork.Unix && string.IsNullOrWhiteSpace(Address))
        {
            throw context.Invalid(this, "addr", "must be the path of the socket file when http.net is unix");
        }

        if (Prefix.Length > 0 && !Prefix.StartsWith('/'))
        {
            throw context.Invalid(this, "prefix", "must be a path that starts with /, such as /registry/");
        }

        if (Host.Length > 0 && !IsHttpUrl(Host))
        {
            throw context.Invalid(this, "host", "must be an absolute http or https URL, such as https://registry.example.com:5000");
        }

        if (DrainTimeout < TimeSpan.Zero)
        {
            throw context.Invalid(this, "draintimeout", "must not be negative");
        }

        ValidateHeaders(context, this, "headers", Headers);
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>Checks that each header name is an HTTP token and no value contains a line break.</summary>
    internal static void ValidateHeaders(ValidationContext context, object section, string key, Dictionary<string, List<string>> headers)
    {
        foreach (var (name, values) in headers)
        {
            if (name.Length == 0 || !name.All(IsTokenCharacter))
            {
                throw context.Invalid(section, $"{key}.{name}", "must be named by an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)");
            }

            if (values.Any(value => value is null || value.Contains('\r') || value.Contains('\n')))
            {
                throw context.Invalid(section, $"{key}.{name}", "must be a list of values without line breaks");
            }
        }
    }

    private static bool IsTokenCharacter(char character) =>
        char.IsAsciiLetterOrDigit(character) || "!#$%&'*+-.^_`|~".Contains(character);
}

/// <summary>An <c>http.net</c> value.</summary>
public enum HttpNetwork
{
    Tcp,
    Unix,
}

/// <summary>The <c>http.http2</c> section.</summary>
public sealed class Http2Section
{
    /// <summary><c>disabled</c>: whether clients are limited to HTTP/1.1 over TLS. Default false.</summary>
    [ConfigKey("disabled")]
    public bool Disabled { get; set; }
}

/// <summary>The <c>http.h2c</c> section.</summary>
public sealed class H2cSection
{
    /// <summary><c>enabled</c>: whether HTTP/2 is accepted without TLS, as behind some load balancers. Default false.</summary>
    [ConfigKey("enabled")]
    public bool Enabled { get; set; }
}

/// <summary>The <c>http.debug</c> section: a second listener for health and metrics, meant to stay private.</summary>
public sealed class HttpDebugSection : IValidatedSection
{
    /// <summary><c>addr</c>: <c>host:port</c> of the debug server. Default empty (no debug server).</summary>
    [ConfigKey("addr")]
    public string Address { get; set; } = "";

    /// <summary><c>prometheus</c>: the Prometheus metrics endpoint on the debug server.</summary>
    [ConfigKey("prometheus")]
    public PrometheusSection Prometheus { get; set; } = new();

    /// <summary>Whether a debug server is configured.</summary>
    public bool Enabled => Address.Length > 0;

    void IValidatedSection.Validate(ValidationContext context)
    {
        if (Address.Length > 0 && !ListenAddress.TryParse(Address, out _))
        {
            throw context.Invalid(this, "addr", ListenAddress.Rule);
        }

        if (!Prometheus.Path.StartsWith('/'))
        {
            throw context.Invalid(Prometheus, "path", "must be a path that starts with /, such as /metrics");
        }

        if (Prometheus.Enabled && Address.Length == 0)
        {
            context.Warn(Prometheus, "enabled", "http.debug.prometheus.enabled has no effect without http.debug.addr, because metrics are served by the debug server");
        }
    }
}

/// <summary>The <c>http.debug.prometheus</c> section.</summary>
public sealed class PrometheusSection
{
    /// <summary><c>enabled</c>: whether metrics are served. Default false.</summary>
    [ConfigKey("enabled")]
    public bool Enabled { get; set; }

    /// <summary><c>path</c>: the path of the metrics on the debug server. Default <c>/metrics</c>.</summary>
    [ConfigKey("path")]
    public string Path { get; set; } = "/metrics";
}
