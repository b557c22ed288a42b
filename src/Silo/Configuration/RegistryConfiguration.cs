using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>
/// The settings of one registry process: distribution's <c>config.yml</c> (the union of v2.8 and
/// v3.0) with <c>REGISTRY_*</c> overrides, plus this registry's <c>cluster</c> section. Each
/// property is one top-level key, and <see cref="ConfigurationLoader"/> builds and validates it.
/// </summary>
public sealed class RegistryConfiguration : IValidatedSection
{
    /// <summary><c>version</c>: the configuration format version. Only 0.1 exists, and a file must state it.</summary>
    [ConfigKey("version")]
    public string Version { get; set; } = "0.1";

    /// <summary><c>log</c>: the registry's log.</summary>
    [ConfigKey("log")]
    public LogSection Log { get; set; } = new();

    /// <summary><c>loglevel</c>: the deprecated spelling of <c>log.level</c>. The loader copies it there when <c>log.level</c> is absent.</summary>
    [ConfigKey("loglevel")]
    public RegistryLogLevel? DeprecatedLogLevel { get; set; }

    /// <summary><c>storage</c>: the storage driver and its maintenance.</summary>
    [ConfigKey("storage")]
    public StorageSection Storage { get; set; } = new();

    /// <summary><c>auth</c>: the access controller. None by default.</summary>
    [ConfigKey("auth")]
    public AuthSection Auth { get; set; } = new();

    /// <summary><c>middleware</c>: plug-ins at the registry, repository and storage hook points.</summary>
    [ConfigKey("middleware")]
    public MiddlewareSection Middleware { get; set; } = new();

    /// <summary><c>http</c>: the HTTP server, TLS and the debug server.</summary>
    [ConfigKey("http")]
    public HttpSection Http { get; set; } = new();

    /// <summary><c>notifications</c>: webhooks for registry events.</summary>
    [ConfigKey("notifications")]
    public NotificationsSection Notifications { get; set; } = new();

    /// <summary><c>redis</c>: the Redis server of the blob descriptor cache.</summary>
    [ConfigKey("redis")]
    public RedisSection Redis { get; set; } = new();

    /// <summary><c>health</c>: checks reported by the debug server.</summary>
    [ConfigKey("health")]
    public HealthSection Health { get; set; } = new();

    /// <summary><c>catalog</c>: the catalog endpoint.</summary>
    [ConfigKey("catalog")]
    public CatalogSection Catalog { get; set; } = new();

    /// <summary><c>proxy</c>: pull-through cache of a remote registry.</summary>
    [ConfigKey("proxy")]
    public ProxySection Proxy { get; set; } = new();

    /// <summary><c>validation</c>: checks of pushed manifests.</summary>
    [ConfigKey("validation")]
    public ValidationSection Validation { get; set; } = new();

    /// <summary><c>compatibility</c>: deprecated formats (distribution v2.8).</summary>
    [ConfigKey("compatibility")]
    public CompatibilitySection Compatibility { get; set; } = new();

    /// <summary><c>policy</c>: repository content policy (distribution v2).</summary>
    [ConfigKey("policy")]
    public PolicySection Policy { get; set; } = new();

    /// <summary><c>reporting</c>: error reporting services (distribution v2.8).</summary>
    [ConfigKey("reporting")]
    public ReportingSection Reporting { get; set; } = new();

    /// <summary><c>cluster</c>: this registry's own section, for its Orleans silos.</summary>
    [ConfigKey("cluster")]
    public ClusterSection Cluster { get; set; } = new();

    /// <summary>Unknown keys, deprecated spellings and settings without effect found while loading, for the host to log as warnings.</summary>
    public IReadOnlyList<ConfigurationMessage> Warnings { get; internal set; } = [];

    /// <summary>Configured features that this version parses but does not implement yet, for the host to log at start-up.</summary>
    public IReadOnlyList<ConfigurationMessage> Notices { get; internal set; } = [];

    /// <summary>Shortcut for <see cref="LogSection.Level"/> as its configuration spelling: error, warn, info or debug.</summary>
    public string LogLevel
    {
        get => ScalarParser.NameOf(Log.Level);
        set => Log.Level = ScalarParser.TryParse(typeof(RegistryLogLevel), value, out var level)
            ? (RegistryLogLevel)level!
            : throw new ArgumentException($"log level '{value}' is not error, warn, info or debug", nameof(value));
    }

    /// <summary>Shortcut for <see cref="StorageSection.Driver"/>. Setting it calls <see cref="StorageSection.SelectDriver"/>.</summary>
    public string StorageDriver
    {
        get => Storage.Driver;
        set => Storage.SelectDriver(value);
    }

    /// <summary>
    /// Shortcut for <c>storage.filesystem.rootdirectory</c>. Default <c>/var/lib/registry</c>. Setting
    /// it while another driver is selected has no effect, because only the filesystem driver has a root directory.
    /// </summary>
    public string RootDirectory
    {
        get => Storage.FileSystem?.RootDirectory ?? FileSystemStorageSection.DefaultRootDirectory;
        set
        {
            if (Storage.Driver == "filesystem")
            {
                (Storage.FileSystem ??= new FileSystemStorageSection()).RootDirectory = value;
            }
        }
    }

    /// <summary>Shortcut for <see cref="StorageDeleteSection.Enabled"/> (<c>storage.delete.enabled</c>).</summary>
    public bool DeleteEnabled
    {
        get => Storage.Delete.Enabled;
        set => Storage.Delete.Enabled = value;
    }

    /// <summary>Shortcut for <see cref="HttpSection.Address"/> (<c>http.addr</c>). Default <c>127.0.0.1:5000</c>.</summary>
    public string HttpAddress
    {
        get => Http.Address;
        set => Http.Address = value;
    }

    /// <summary>Shortcut for <see cref="ClusterSection.SiloPort"/> (<c>cluster.siloport</c>).</summary>
    public int SiloPort
    {
        get => Cluster.SiloPort;
        set => Cluster.SiloPort = value;
    }

    void IValidatedSection.Validate(ValidationContext context)
    {
        if (Version != "0.1")
        {
            throw context.Invalid(this, "version", "must be 0.1, the only configuration version");
        }

        if (DeprecatedLogLevel is { } level)
        {
            context.Warn(this, "loglevel", "loglevel is deprecated; write log.level");
            if (!context.IsSet(Log, "level"))
            {
                Log.Level = level;
            }

            DeprecatedLogLevel = null;
        }
    }
}
