using System.Collections;
using System.Reflection;

namespace Registry.Silo.Configuration.Binding;

/// <summary>
/// Binds a <see cref="ConfigNode"/> tree to the section classes by their <see cref="ConfigKeyAttribute"/>
/// keys. An unknown key is a warning. A value of the wrong shape or type is a <see cref="ConfigurationException"/>
/// naming the key, the file and the line. An empty (null) value leaves the property at its default.
/// </summary>
internal sealed class ConfigurationBinder(SourceMap sources, List<ConfigurationMessage> warnings)
{
    private const string SecretText = "***";

    /// <summary>Binds <paramref name="root"/> (null for no document) onto <paramref name="target"/>.</summary>
    public void BindRoot(object target, ConfigNode? root)
    {
        var origin = root?.Origin ?? new ConfigOrigin(sources.DefaultSource, 0);
        sources.AddSection(target, "", origin with { Line = 0 });
        if (root is not null)
        {
            BindSection(target, root, "");
        }
    }

    private void BindSection(object section, ConfigNode node, string path)
    {
        var type = section.GetType();
        if (node is ConfigScalar { Value: { } name } && type.IsDefined(typeof(ScalarNamesKeyAttribute)))
        {
            // "storage: inmemory" is the driver key with no parameters.
            var named = new ConfigMapping(node.Origin);
            named.Set(name, node.Origin, new ConfigScalar(null, node.Origin));
            node = named;
        }

        if (node is ConfigScalar { Value: null })
        {
            return;
        }

        if (node is not ConfigMapping mapping)
        {
            throw new ConfigurationException($"{node.Origin}: {Describe(path)} is {node.KindName}, but must be a mapping of keys");
        }

        foreach (var entry in mapping.Entries)
        {
            var childPath = SourceMap.Join(path, entry.Key);
            var property = ConfigSchema.Find(type, entry.Key);
            if (property is null)
            {
                ReportUnknownKey(type, entry, childPath);
                continue;
            }

            var value = Convert(property.Type, property.Property.GetValue(section), entry.Value, childPath, entry.KeyOrigin, property.IsSecret);
            property.Property.SetValue(section, value);
            Record(section, entry, property);
        }
    }

    // Records the key, and each item of a list or map under "key[0]" or "key.name", for validation messages.
    private void Record(object section, ConfigEntry entry, SchemaProperty property)
    {
        var secret = property.IsSecret;
        sources.AddValue(section, entry.Key, entry.KeyOrigin, Text(entry.Value, secret));
        if (entry.Value is ConfigSequence sequence)
        {
            for (var index = 0; index < sequence.Items.Count; index++)
            {
                var item = sequence.Items[index];
                sources.AddValue(section, $"{entry.Key}[{index}]", item.Origin, Text(item, secret));
            }
        }
        else if (entry.Value is ConfigMapping mapping && ConfigSchema.ShapeOf(property.Type) == ValueShape.Map)
        {
            foreach (var child in mapping.Entries)
            {
                sources.AddValue(section, $"{entry.Key}.{child.Key}", child.KeyOrigin, Text(child.Value, secret));
            }
        }
    }

    /// <summary>Converts <paramref name="node"/> to <paramref name="type"/>, given the property's value before (<paramref name="current"/>).</summary>
    private object? Convert(Type type, object? current, ConfigNode node, string path, ConfigOrigin origin, bool secret)
    {
        switch (ConfigSchema.ShapeOf(type))
        {
            case ValueShape.Scalar:
                return ConvertScalar(type, current, node, path, origin, secret);

            case ValueShape.Section:
                var section = current ?? Activator.CreateInstance(type)!;
                sources.AddSection(section, path, origin);
                BindSection(section, node, path);
                return section;

            case ValueShape.List:
                return ConvertList(type, current, node, path);

            case ValueShape.Map:
                return ConvertMap(type, current, node, path, secret);

            default:
                return ToPlainValue(node);
        }
    }

    private static object? ConvertScalar(Type type, object? current, ConfigNode node, string path, ConfigOrigin origin, bool secret)
    {
        if (node is not ConfigScalar scalar)
        {
            throw new ConfigurationException($"{origin}: {path} is {node.KindName}, but {ScalarParser.Rule(type)}");
        }

        if (scalar.Value is null)
        {
            return current;
        }

        if (!ScalarParser.TryParse(type, scalar.Value, out var value))
        {
            var displayedValue = secret ? SecretText : scalar.Value;
            throw new ConfigurationException($"{origin}: {path} is '{displayedValue}', but {ScalarParser.Rule(type)}");
        }

        return value;
    }

    private object? ConvertList(Type type, object? current, ConfigNode node, string path)
    {
        if (node is ConfigScalar { Value: null })
        {
            return current ?? Activator.CreateInstance(type);
        }

        if (node is not ConfigSequence sequence)
        {
            throw new ConfigurationException($"{node.Origin}: {path} is {node.KindName}, but must be a list such as [a, b] or lines starting with '- '");
        }

        var elementType = ConfigSchema.ElementType(type);
        var list = (IList)Activator.CreateInstance(type)!;
        for (var index = 0; index < sequence.Items.Count; index++)
        {
            var item = sequence.Items[index];
            list.Add(Convert(elementType, null, item, $"{path}[{index}]", item.Origin, secret: false));
        }

        return list;
    }

    private object? ConvertMap(Type type, object? current, ConfigNode node, string path, bool secret)
    {
        if (node is ConfigScalar { Value: null })
        {
            return current ?? Activator.CreateInstance(type);
        }

        if (node is not ConfigMapping mapping)
        {
            throw new ConfigurationException($"{node.Origin}: {path} is {node.KindName}, but must be a mapping of names to values");
        }

        // A new dictionary with the property's comparer, so http.headers stays case-insensitive.
        var comparer = current?.GetType().GetProperty(nameof(Dictionary<string, object>.Comparer))?.GetValue(current);
        var map = (IDictionary)(comparer is null ? Activator.CreateInstance(type)! : Activator.CreateInstance(type, comparer)!);
        var elementType = ConfigSchema.ElementType(type);
        foreach (var entry in mapping.Entries)
        {
            map[entry.Key] = Convert(elementType, null, entry.Value, $"{path}.{entry.Key}", entry.KeyOrigin, secret);
        }

        return map;
    }

    /// <summary>Free-form YAML (middleware options, log fields) as string, <c>List&lt;object?&gt;</c> and <c>Dictionary&lt;string, object?&gt;</c>.</summary>
    private static object? ToPlainValue(ConfigNode node) => node switch
    {
        ConfigScalar scalar => scalar.Value,
        ConfigSequence sequence => sequence.Items.Select(ToPlainValue).ToList(),
        ConfigMapping mapping => mapping.Entries.ToDictionary(entry => entry.Key, entry => ToPlainValue(entry.Value), StringComparer.Ordinal),
        _ => null,
    };

    private void ReportUnknownKey(Type type, ConfigEntry entry, string path)
    {
        var closed = type.GetCustomAttribute<UnknownKeyIsErrorAttribute>();
        if (closed is not null)
        {
            throw new ConfigurationException($"{entry.KeyOrigin}: {path} is not a known {closed.Kind}; use {closed.Choices}");
        }

        var text = $"unknown key {path} is ignored";
        var similar = ConfigSchema.PropertiesOf(type).FirstOrDefault(property => string.Equals(property.Key, entry.Key, StringComparison.OrdinalIgnoreCase));
        if (similar is not null)
        {
            text += $"; keys are lower case, so write '{similar.Key}'";
        }

        warnings.Add(new ConfigurationMessage(entry.KeyOrigin.ToString(), text));
    }

    // The text recorded for messages: null for a list or mapping, a mask for a secret.
    private static string? Text(ConfigNode node, bool secret)
    {
        if (node is not ConfigScalar { Value: { } value })
        {
            return null;
        }

        return secret ? SecretText : value;
    }

    private static string Describe(string path) => path.Length == 0 ? "the configuration" : path;
}
