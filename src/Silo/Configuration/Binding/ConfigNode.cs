namespace Registry.Silo.Configuration.Binding;

/// <summary>
/// Where a configuration value came from: a file and a 1-based line, or an environment variable
/// (line 0). Its text form is what error messages start with: <c>config.yml:12</c> or
/// <c>REGISTRY_HTTP_ADDR</c>.
/// </summary>
internal readonly record struct ConfigOrigin(string Source, int Line)
{
    public override string ToString() => Line > 0 ? $"{Source}:{Line}" : Source;
}

/// <summary>
/// A node of the configuration document after YAML parsing and before binding: a scalar, a sequence
/// or a mapping, each with its origin. Environment overrides edit this tree before it is bound.
/// </summary>
internal abstract class ConfigNode(ConfigOrigin origin)
{
    public ConfigOrigin Origin { get; } = origin;

    /// <summary>The node's kind in the words error messages use: "text", "a list" or "a mapping".</summary>
    public abstract string KindName { get; }
}

/// <summary>A scalar, whose <see cref="Value"/> is null for YAML's null (an empty value, <c>~</c> or <c>null</c>).</summary>
internal sealed class ConfigScalar(string? value, ConfigOrigin origin) : ConfigNode(origin)
{
    public string? Value { get; } = value;

    public override string KindName => Value is null ? "empty" : "text";
}

internal sealed class ConfigSequence(ConfigOrigin origin) : ConfigNode(origin)
{
    public List<ConfigNode> Items { get; } = [];

    public override string KindName => "a list";
}

/// <summary>A mapping whose keys are unique and kept in document order.</summary>
internal sealed class ConfigMapping(ConfigOrigin origin) : ConfigNode(origin)
{
    public List<ConfigEntry> Entries { get; } = [];

    public override string KindName => "a mapping";

    public ConfigEntry? Find(string key) => Entries.Find(entry => entry.Key == key);

    /// <summary>Adds the entry, or replaces the value and origin of the entry with the same key.</summary>
    public void Set(string key, ConfigOrigin keyOrigin, ConfigNode value)
    {
        var index = Entries.FindIndex(entry => entry.Key == key);
        var entry = new ConfigEntry(key, keyOrigin, value);
        if (index < 0)
        {
            Entries.Add(entry);
        }
        else
        {
            Entries[index] = entry;
        }
    }
}

/// <summary>One key of a mapping. Its <see cref="KeyOrigin"/> is the line of the key, which messages cite.</summary>
internal sealed record ConfigEntry(string Key, ConfigOrigin KeyOrigin, ConfigNode Value);
