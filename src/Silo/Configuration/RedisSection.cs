using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>
/// The <c>redis</c> section: the Redis server that caches blob descriptors. It contains distribution
/// v2.8's keys (<c>addr</c>, <c>pool</c>, <c>tls.enabled</c>) and v3.0's, which are go-redis
/// <c>UniversalOptions</c> fields in lower case (<c>addrs</c>, <c>poolsize</c>, ...). A go-redis
/// field not listed here is reported as an unknown key.
/// </summary>
public sealed class RedisSection : IValidatedSection
{
    /// <summary><c>addr</c>: host:port of the server (v2.8).</summary>
    [ConfigKey("addr")]
    public string Address { get; set; } = "";

    /// <summary><c>addrs</c>: host:port of the server, or of cluster or sentinel nodes (v3.0).</summary>
    [ConfigKey("addrs")]
    public List<string> Addresses { get; set; } = [];

    /// <summary><c>username</c>: the ACL user (v3.0).</summary>
    [ConfigKey("username")]
    public string Username { get; set; } = "";

    /// <summary><c>password</c>: the password.</summary>
    [ConfigKey("password")]
    [Secret]
    public string Password { get; set; } = "";

    /// <summary><c>db</c>: the database number. Default 0.</summary>
    [ConfigKey("db")]
    public int Database { get; set; }

    /// <summary><c>dialtimeout</c>: the connect timeout, as a Go duration. Default go-redis's.</summary>
    [ConfigKey("dialtimeout")]
    public TimeSpan DialTimeout { get; set; }

    /// <summary><c>readtimeout</c>: the read timeout, as a Go duration. Default go-redis's.</summary>
    [ConfigKey("readtimeout")]
    public TimeSpan ReadTimeout { get; set; }

    /// <summary><c>writetimeout</c>: the write timeout, as a Go duration. Default go-redis's.</summary>
    [ConfigKey("writetimeout")]
    public TimeSpan WriteTimeout { get; set; }

    /// <summary><c>maxidleconns</c>: the maximum number of idle connections kept (v3.0).</summary>
    [ConfigKey("maxidleconns")]
    public int MaxIdleConnections { get; set; }

    /// <summary><c>poolsize</c>: the maximum number of connections open (v3.0).</summary>
    [ConfigKey("poolsize")]
    public int PoolSize { get; set; }

    /// <summary><c>connmaxidletime</c>: how long a connection may stay idle, as a Go duration (v3.0).</summary>
    [ConfigKey("connmaxidletime")]
    public TimeSpan ConnectionMaxIdleTime { get; set; }

    /// <summary><c>pool</c>: the connection pool (v2.8).</summary>
    [ConfigKey("pool")]
    public RedisPoolSection Pool { get; set; } = new();

    /// <summary><c>tls</c>: TLS to the server.</summary>
    [ConfigKey("tls")]
    public RedisTlsSection Tls { get; set; } = new();

    /// <summary>Whether a server address is configured.</summary>
    public bool Configured => Address.Length > 0 || Addresses.Count > 0;

    void IValidatedSection.Validate(ValidationContext context)
    {
        if (Address.Length > 0 && !ListenAddress.TryParse(Address, out _))
        {
            throw context.Invalid(this, "addr", "must be host:port");
        }

        for (var index = 0; index < Addresses.Count; index++)
        {
            if (!ListenAddress.TryParse(Addresses[index], out _))
            {
                throw context.Invalid(this, $"addrs[{index}]", "must be host:port");
            }
        }

        foreach (var (key, value) in new[] { ("db", Database), ("maxidleconns", MaxIdleConnections), ("poolsize", PoolSize) })
        {
            if (value < 0)
            {
                throw context.Invalid(this, key, "must not be negative");
            }
        }

        foreach (var (key, value) in new[] { ("dialtimeout", DialTimeout), ("readtimeout", ReadTimeout), ("writetimeout", WriteTimeout), ("connmaxidletime", ConnectionMaxIdleTime) })
        {
            if (value < TimeSpan.Zero)
            {
                throw context.Invalid(this, key, "must not be negative");
            }
        }
    }
}

/// <summary>The <c>redis.pool</c> section (distribution v2.8).</summary>
public sealed class RedisPoolSection : IValidatedSection
{
    /// <summary><c>maxidle</c>: the maximum number of idle connections kept.</summary>
    [ConfigKey("maxidle")]
    public int MaxIdle { get; set; }

    /// <summary><c>maxactive</c>: the maximum number of connections open before a request waits. Zero means no limit.</summary>
    [ConfigKey("maxactive")]
    public int MaxActive { get; set; }

    /// <summary><c>idletimeout</c>: how long a connection may stay idle before it is closed, as a Go duration.</summary>
    [ConfigKey("idletimeout")]
    public TimeSpan IdleTimeout { get; set; }

    void IValidatedSection.Validate(ValidationContext context)
    {
        if (MaxIdle < 0)
        {
            throw context.Invalid(this, "maxidle", "must not be negative");
        }

        if (MaxActive < 0)
        {
            throw context.Invalid(this, "maxactive", "must not be negative");
        }

        if (IdleTimeout < TimeSpan.Zero)
        {
            throw context.Invalid(this, "idletimeout", "must not be negative");
        }
    }
}

/// <summary>The <c>redis.tls</c> section: <c>enabled</c> (v2.8) or client certificate files (v3.0).</summary>
public sealed class RedisTlsSection : IValidatedSection
{
    /// <summary><c>enabled</c>: whether TLS is used (v2.8). Default false.</summary>
    [ConfigKey("enabled")]
    public bool Enabled { get; set; }

    /// <summary><c>certificate</c>: the PEM file of the client certificate (v3.0).</summary>
    [ConfigKey("certificate")]
    public string Certificate { get; set; } = "";

    /// <summary><c>key</c>: the PEM file of the client certificate's key (v3.0).</summary>
    [ConfigKey("key")]
    public string Key { get; set; } = "";

    /// <summary><c>clientcas</c>: PEM files of the CAs that verify the server (v3.0).</summary>
    [ConfigKey("clientcas")]
    public List<string> ClientCas { get; set; } = [];

    void IValidatedSection.Validate(ValidationContext context)
    {
        if (Certificate.Length > 0 || Key.Length > 0)
        {
            context.RequireText(this, "certificate", Certificate, "Redis TLS needs both certificate and key");
            context.RequireText(this, "key", Key, "Redis TLS needs both certificate and key");
        }
    }
}
