using Registry.Grains.Maintenance;
using Registry.Silo.Configuration;

namespace Registry.Silo.Hosting;

/// <summary>
/// The settings of <see cref="RegistryHost.Build"/> beyond storage and address, which the caller
/// maps from the configuration: listener, TLS, maintenance and debug server. A section left null keeps that feature off (or, for
/// <see cref="Listener"/>, the plain TCP listener with relative URLs), which is what
/// <see cref="RegistryHost.Build"/> does without this object.
/// </summary>
public sealed class RegistryHostOptions
{
    /// <summary><c>http.net</c>, <c>prefix</c>, <c>host</c>, <c>relativeurls</c>, <c>draintimeout</c>, <c>headers</c>, <c>http2</c>.</summary>
    public ListenerOptions? Listener { get; init; }

    /// <summary><c>http.tls</c>. Null serves plain HTTP.</summary>
    public TlsOptions? Tls { get; init; }

    /// <summary><c>storage.maintenance.readonly.enabled</c>, default false.</summary>
    public bool ReadOnly { get; init; }

    /// <summary><c>storage.maintenance.uploadpurging</c>. Null turns purging off.</summary>
    public UploadPurgeOptions? UploadPurging { get; init; }

    /// <summary><c>http.debug</c>. Null runs no debug server.</summary>
    public DebugServerOptions? Debug { get; init; }

    /// <summary><c>auth</c>. Null serves every request without authentication.</summary>
    public Registry.Gateway.Auth.AuthOptions? Auth { get; init; }

    /// <summary><c>catalog.maxentries</c>: most entries in one tags or catalog page; default 1000.</summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary><c>log.formatter</c> json or logstash: one JSON object per log line instead of text.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>
    /// Wraps the configured storage driver before <c>middleware.storage</c> is applied; null leaves it
    /// as configured. Tests use it for a driver that returns redirect URLs.
    /// </summary>
    internal Func<Registry.Storage.Drivers.IStorageDriver, Registry.Storage.Drivers.IStorageDriver>? WrapStorageDriver { get; init; }

    /// <summary>Throws <see cref="ConfigurationException"/>, naming the key, for the first setting that cannot be used.</summary>
    public void Validate()
    {
        Listener?.Validate();
        Debug?.Validate();
        try
        {
            UploadPurging?.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new ConfigurationException(exception.Message);
        }
    }
}
