namespace Registry.Silo.Configuration;

/// <summary>The settings of one registry process, read from distribution's <c>config.yml</c> and <c>REGISTRY_*</c> variables.</summary>
public sealed class RegistryConfiguration
{
    /// <summary>The storage drivers this build serves.</summary>
    public static readonly IReadOnlyList<string> SupportedDrivers = ["filesystem", "inmemory"];

    /// <summary><c>version</c>: the configuration format version; only 0.1 exists.</summary>
    public string Version { get; set; } = "0.1";

    /// <summary><c>log.level</c>: error, warn, info or debug; default info.</summary>
    public string LogLevel { get; set; } = "info";

    /// <summary>The storage driver, the one key under <c>storage</c> that names a driver; default filesystem.</summary>
    public string StorageDriver { get; set; } = "filesystem";

    /// <summary><c>storage.filesystem.rootdirectory</c>; default <c>/var/lib/registry</c>, as distribution.</summary>
    public string RootDirectory { get; set; } = "/var/lib/registry";

    /// <summary><c>storage.delete.enabled</c>: whether manifests and blobs may be deleted; default false.</summary>
    public bool DeleteEnabled { get; set; }

    /// <summary>
    /// <c>http.addr</c>: host and port to listen on. The built-in default is <c>127.0.0.1:5000</c>, so a
    /// registry started without a file is not reachable from other machines; <c>:5000</c> listens on all.
    /// </summary>
    public string HttpAddress { get; set; } = "127.0.0.1:5000";

    /// <summary>
    /// <c>cluster.siloport</c>: the TCP port of the Orleans silo on 127.0.0.1; 0 (the default) picks a
    /// free one, which is right for a single process.
    /// </summary>
    public int SiloPort { get; set; }
}
