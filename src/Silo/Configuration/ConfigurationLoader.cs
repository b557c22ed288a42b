using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Registry.Silo.Configuration;

/// <summary>
/// Reads distribution's <c>config.yml</c> into a <see cref="RegistryConfiguration"/>. The document is
/// flattened to dotted key paths (<c>storage.filesystem.rootdirectory</c>), then each key may be
/// overridden by <c>REGISTRY_</c> plus the upper-cased path joined by <c>_</c>
/// (<c>REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY</c>), as distribution does.
/// </summary>
public static class ConfigurationLoader
{
    private static readonly string[] KnownKeys =
    [
        "version",
        "log.level",
        "storage.filesystem.rootdirectory",
        "storage.inmemory",
        "storage.delete.enabled",
        "http.addr",
        "cluster.siloport",
    ];

    /// <summary>Loads a file; a missing file is an error that names the path tried.</summary>
    public static RegistryConfiguration LoadFile(string path, IDictionary<string, string?> environment)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"configuration file {Path.GetFullPath(path)} does not exist");
        }

        return Load(File.ReadAllText(path), path, environment);
    }

    /// <summary>The built-in defaults with environment overrides, for a registry started without a file.</summary>
    public static RegistryConfiguration LoadDefaults(IDictionary<string, string?> environment) =>
        Build(new Dictionary<string, Entry>(StringComparer.Ordinal), "built-in defaults", environment);

    public static RegistryConfiguration Load(string yaml, string source, IDictionary<string, string?> environment)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            throw new ConfigurationException($"{source}:{exception.Start.Line}: invalid YAML: {exception.InnerException?.Message ?? exception.Message}");
        }

        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root)
        {
            Flatten(root, "", entries, source);
        }
        else if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is not YamlScalarNode { Value: null or "" })
        {
            throw new ConfigurationException($"{source}:1: the configuration must be a mapping of keys");
        }

        return Build(entries, source, environment);
    }

    private static RegistryConfiguration Build(Dictionary<string, Entry> entries, string source, IDictionary<string, string?> environment)
    {
        foreach (var key in KnownKeys)
        {
            var variable = "REGISTRY_" + key.Replace('.', '_').ToUpperInvariant();
            if (environment.TryGetValue(variable, out var value) && value is not null)
            {
                entries[key] = new Entry(value, variable, 0);
            }
        }

        var configuration = new RegistryConfiguration();
        if (entries.TryGetValue("version", out var version))
        {
            configuration.Version = version.Value ?? "";
            if (configuration.Version != "0.1")
            {
                throw Invalid(version, "version", "must be 0.1", source);
            }
        }

        if (entries.TryGetValue("log.level", out var level))
        {
            configuration.LogLevel = (level.Value ?? "").ToLowerInvariant();
            if (configuration.LogLevel is not ("error" or "warn" or "info" or "debug"))
            {
                throw Invalid(level, "log.level", "must be error, warn, info or debug", source);
            }
        }

        var drivers = entries.Keys
            .Where(key => key.StartsWith("storage.", StringComparison.Ordinal))
            .Select(key => key.Split('.')[1])
            .Where(name => name is not ("delete" or "maintenance" or "cache" or "redirect" or "tag"))
            .Distinct()
            .ToList();
        if (drivers.Count > 1)
        {
            throw new ConfigurationException($"{source}: storage names more than one driver ({string.Join(", ", drivers)}); keep one");
        }

        if (drivers.Count == 1)
        {
            configuration.StorageDriver = drivers[0];
            if (!RegistryConfiguration.SupportedDrivers.Contains(configuration.StorageDriver))
            {
                throw new ConfigurationException(
                    $"{source}: storage driver '{configuration.StorageDriver}' is not supported by this version; use {string.Join(" or ", RegistryConfiguration.SupportedDrivers)}");
            }
        }

        if (entries.TryGetValue("storage.filesystem.rootdirectory", out var root))
        {
            configuration.RootDirectory = string.IsNullOrWhiteSpace(root.Value)
                ? throw Invalid(root, "storage.filesystem.rootdirectory", "must not be empty", source)
                : root.Value;
        }

        if (entries.TryGetValue("storage.delete.enabled", out var delete))
        {
            configuration.DeleteEnabled = ParseBool(delete, "storage.delete.enabled", source);
        }

        if (entries.TryGetValue("http.addr", out var address))
        {
            configuration.HttpAddress = address.Value ?? "";
            ListenAddress.Parse(configuration.HttpAddress, $"{Where(address, source)}: http.addr");
        }

        if (entries.TryGetValue("cluster.siloport", out var siloPort))
        {
            if (!int.TryParse(siloPort.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            {
                throw Invalid(siloPort, "cluster.siloport", "must be a port number from 0 to 65535", source);
            }

            configuration.SiloPort = port;
        }

        return configuration;
    }

    private static void Flatten(YamlMappingNode node, string prefix, Dictionary<string, Entry> entries, string source)
    {
        foreach (var (keyNode, valueNode) in node.Children)
        {
            var key = prefix + ((YamlScalarNode)keyNode).Value?.ToLowerInvariant();
            switch (valueNode)
            {
                case YamlMappingNode mapping:
                    entries[key] = new Entry(null, source, (int)keyNode.Start.Line);
                    Flatten(mapping, key + ".", entries, source);
                    break;
                case YamlScalarNode scalar:
                    entries[key] = new Entry(scalar.Value, source, (int)keyNode.Start.Line);
                    break;
                default:
                    entries[key] = new Entry(null, source, (int)keyNode.Start.Line);
                    break;
            }
        }
    }

    private static bool ParseBool(Entry entry, string key, string source) => entry.Value?.ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw Invalid(entry, key, "must be true or false", source),
    };

    private static ConfigurationException Invalid(Entry entry, string key, string rule, string source) =>
        new($"{Where(entry, source)}: {key} is '{entry.Value}', but {rule}");

    private static string Where(Entry entry, string source) => entry.Line > 0 ? $"{entry.Source}:{entry.Line}" : entry.Source;

    private sealed record Entry(string? Value, string Source, int Line);
}
