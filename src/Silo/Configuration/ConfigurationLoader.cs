using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>
/// Loads distribution's <c>config.yml</c> (v2.8 and v3.0) into a validated <see cref="RegistryConfiguration"/>.
/// </summary>
/// <remarks>
/// Steps, in order:
/// <list type="number">
/// <item>Parse the YAML into a tree that keeps the line of every key (<see cref="YamlTreeReader"/>).</item>
/// <item>Apply <c>REGISTRY_*</c> environment variables to the tree (<see cref="EnvironmentOverrides"/>).</item>
/// <item>Bind the tree to the section classes (<see cref="ConfigurationBinder"/>).</item>
/// <item>Select the filesystem driver when no storage driver is named.</item>
/// <item>Validate every section (<see cref="ValidationContext"/>).</item>
/// <item>List the configured features this version does not implement (<see cref="UnsupportedFeatures"/>).</item>
/// </list>
/// A wrong type or invalid value raises <see cref="ConfigurationException"/> with one message that names
/// the key, the file and the line. Unknown keys and other warnings are returned in
/// <see cref="RegistryConfiguration.Warnings"/>, and unimplemented features in <see cref="RegistryConfiguration.Notices"/>.
/// </remarks>
public static class ConfigurationLoader
{
    private const string DefaultsSource = "built-in defaults";

    /// <summary>Loads a file. A missing or unreadable file is an error that names the path tried.</summary>
    public static RegistryConfiguration LoadFile(string path, IDictionary<string, string?> environment)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"configuration file {Path.GetFullPath(path)} does not exist");
        }

        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"configuration file {Path.GetFullPath(path)} could not be read: {exception.Message}");
        }

        return Load(yaml, path, environment);
    }

    /// <summary>The built-in defaults with environment overrides, for a registry started without a file.</summary>
    public static RegistryConfiguration LoadDefaults(IDictionary<string, string?> environment)
    {
        var warnings = new List<ConfigurationMessage>();
        var root = new ConfigMapping(new ConfigOrigin(DefaultsSource, 0));
        return Build(root, DefaultsSource, fromFile: false, environment, warnings);
    }

    /// <summary>Loads YAML text that <paramref name="source"/> names in messages, such as the file path.</summary>
    public static RegistryConfiguration Load(string yaml, string source, IDictionary<string, string?> environment)
    {
        var warnings = new List<ConfigurationMessage>();
        var document = YamlTreeReader.Read(yaml, source, warnings);
        if (document is null)
        {
            throw new ConfigurationException($"{source}: version is missing; a configuration file starts with 'version: 0.1'");
        }

        if (document is not ConfigMapping root)
        {
            throw new ConfigurationException($"{document.Origin}: the configuration is {document.KindName}, but must be a mapping of keys");
        }

        if (root.Find("version") is null)
        {
            throw new ConfigurationException($"{source}: version is missing; a configuration file starts with 'version: 0.1'");
        }

        return Build(root, source, fromFile: true, environment, warnings);
    }

    private static RegistryConfiguration Build(
        ConfigMapping root, string source, bool fromFile, IDictionary<string, string?> environment, List<ConfigurationMessage> warnings)
    {
        var configuration = new RegistryConfiguration();
        var sources = new SourceMap(source);

        EnvironmentOverrides.Apply(root, typeof(RegistryConfiguration), environment, warnings);
        new ConfigurationBinder(sources, warnings).BindRoot(configuration, root);

        // Distribution requires a storage driver. This registry falls back to its default one.
        if (!configuration.Storage.ConfiguredDrivers().Any())
        {
            configuration.Storage.FileSystem = new FileSystemStorageSection();
            if (fromFile)
            {
                warnings.Add(new ConfigurationMessage(
                    sources.OriginOf(configuration, "storage").ToString(),
                    $"storage names no driver, so the filesystem driver is used with rootdirectory {FileSystemStorageSection.DefaultRootDirectory}"));
            }
        }

        new ValidationContext(sources, warnings).ValidateTree(configuration);

        configuration.Warnings = warnings;
        configuration.Notices = UnsupportedFeatures.Collect(configuration, sources);
        return configuration;
    }
}
