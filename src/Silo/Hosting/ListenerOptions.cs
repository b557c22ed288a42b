using Registry.Silo.Configuration;

namespace Registry.Silo.Hosting;

/// <summary>The kind of socket the registry listens on (<c>http.net</c>).</summary>
public enum ListenNetwork
{
    /// <summary><c>tcp</c>: <c>http.addr</c> is <c>host:port</c> or <c>:port</c>.</summary>
    Tcp,

    /// <summary><c>unix</c>: <c>http.addr</c> is the path of a Unix domain socket.</summary>
    Unix,
}

/// <summary>
/// Settings of the registry's HTTP listener beyond its address (<c>http.*</c>), with
/// distribution's defaults. <see cref="RegistryHost"/> applies them only when it is given an
/// instance. Without one it serves relative URLs on TCP, as before these settings existed.
/// </summary>
public sealed class ListenerOptions
{
    /// <summary><c>http.net</c>: default <see cref="ListenNetwork.Tcp"/>.</summary>
    public ListenNetwork Network { get; set; } = ListenNetwork.Tcp;

    /// <summary>
    /// <c>http.prefix</c>: the path before <c>/v2/</c>, such as <c>/my/nested/registry/</c>. Empty
    /// (the default) serves the API at the root. Requests without the prefix are served too.
    /// </summary>
    public string Prefix { get; set; } = "";

    /// <summary>
    /// <c>http.host</c>: the externally reachable URL (<c>https://registry.example.com:5000</c>) that
    /// <c>Location</c> headers are built from. When unset, they are built from the request's
    /// <c>Host</c> and <c>X-Forwarded-*</c> headers. It takes precedence over <see cref="RelativeUrls"/>, as in distribution.
    /// </summary>
    public Uri? Host { get; set; }

    /// <summary><c>http.relativeurls</c>: whether <c>Location</c> headers are paths instead of absolute URLs; default false.</summary>
    public bool RelativeUrls { get; set; }

    /// <summary>
    /// <c>http.draintimeout</c>: how long a stopping registry lets requests in progress finish. When
    /// unset, the host's default (30 seconds) applies.
    /// </summary>
    public TimeSpan? DrainTimeout { get; set; }

    /// <summary><c>http.headers</c>: headers added to every response, each with its list of values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary><c>http.http2.disabled</c>: whether HTTP/2 is turned off. It only matters with TLS, where it is on by default.</summary>
    public bool Http2Disabled { get; set; }

    /// <summary>The prefix as an ASP.NET Core path base: <c>/my/nested/registry</c>, or empty for the root.</summary>
    public string PathBase => Prefix.Trim('/') is { Length: > 0 } trimmed ? "/" + trimmed : "";

    public static ListenNetwork ParseNetwork(string value, string key = "http.net") => value switch
    {
        "" or "tcp" => ListenNetwork.Tcp,
        "unix" => ListenNetwork.Unix,
        _ => throw new ConfigurationException($"{key} is '{value}', but must be tcp or unix"),
    };

    /// <summary>Throws <see cref="ConfigurationException"/>, naming the key, when a setting cannot be used.</summary>
    public void Validate()
    {
        if (Prefix.Length > 0 && (!Prefix.StartsWith('/') || Prefix.Contains("//", StringComparison.Ordinal) || Prefix.Contains('?') || Prefix.Contains('#')))
        {
            throw new ConfigurationException($"http.prefix is '{Prefix}', but must be a path that starts and ends with '/', such as /my/nested/registry/");
        }

        if (Host is not null && (!Host.IsAbsoluteUri || Host.Scheme is not ("http" or "https") || string.IsNullOrEmpty(Host.Authority)))
        {
            throw new ConfigurationException($"http.host is '{Host}', but must be an absolute http or https URL such as https://registry.example.com:5000");
        }

        if (DrainTimeout is { } drain && drain < TimeSpan.Zero)
        {
            throw new ConfigurationException($"http.draintimeout is {drain}, but must not be negative");
        }

        foreach (var name in Headers.Keys)
        {
            if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                throw new ConfigurationException($"http.headers contains '{name}', which is not a valid header name");
            }
        }
    }
}
