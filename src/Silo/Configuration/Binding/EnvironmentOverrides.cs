namespace Registry.Silo.Configuration.Binding;

/// <summary>
/// Applies <c>REGISTRY_*</c> environment variables to the document tree before binding, with
/// distribution's rule: <c>REGISTRY_</c> plus the upper-cased key path joined by <c>_</c> sets that
/// key, whether or not the file has it (<c>REGISTRY_STORAGE_DELETE_ENABLED=true</c>).
/// </summary>
/// <remarks>
/// <para>As in distribution (configuration/parser.go, v2.8 and v3.0):</para>
/// <list type="bullet">
/// <item>Variables apply in ordinal order of their names, so <c>REGISTRY_STORAGE</c> (a whole section)
/// applies before <c>REGISTRY_STORAGE_S3_BUCKET</c> (one key in it).</item>
/// <item>A variable may name a whole section, list or map. Its value is then YAML, such as
/// <c>REGISTRY_STORAGE_S3='{region: us-east-1, bucket: images}'</c>, and it replaces that subtree.</item>
/// <item>A number names a list item (<c>REGISTRY_HTTP_TLS_CLIENTCAS_0</c>). The next free index appends.</item>
/// <item>Under a map or free-form options, each further segment is a lower-cased key.</item>
/// <item>A variable that matches no key is a warning, and <c>version</c> cannot be overridden.</item>
/// </list>
/// <para>
/// The path is matched against the schema, so a key that itself contains <c>_</c> (the Azure
/// driver's <c>max_retries</c>) matches as one key. A string value is taken verbatim unless it is
/// quoted YAML, so a password containing <c>#</c> or <c>: </c> survives. Distribution reads such a
/// value as YAML and can truncate or reject it.
/// </para>
/// </remarks>
internal static class EnvironmentOverrides
{
    public const string Prefix = "REGISTRY_";

    /// <summary>Read by <c>registry serve</c> to find the file, so it is not a configuration key.</summary>
    public const string ConfigurationPathVariable = "REGISTRY_CONFIGURATION_PATH";

    /// <summary>Applies the variables to <paramref name="root"/>, the document's top-level mapping.</summary>
    public static void Apply(
        ConfigMapping root, Type rootType, IDictionary<string, string?> environment, List<ConfigurationMessage> warnings)
    {
        var variables = environment
            .Where(variable => variable.Key.StartsWith(Prefix, StringComparison.Ordinal) && variable.Value is not null)
            .Where(variable => variable.Key != ConfigurationPathVariable)
            .OrderBy(variable => variable.Key, StringComparer.Ordinal);

        foreach (var (name, value) in variables)
        {
            var steps = Resolve(rootType, name[Prefix.Length..].Split('_'));
            if (steps is null)
            {
                warnings.Add(new(name, "this environment variable matches no configuration key and is ignored"));
                continue;
            }

            if (steps is [{ Key: "version" }])
            {
                warnings.Add(new(name, "version cannot be overridden from the environment and is ignored"));
                continue;
            }

            var origin = new ConfigOrigin(name, 0);
            var node = ParseValue(steps[^1].Type, value!, name, warnings);
            Set(root, rootType, steps, 0, node, origin);
        }
    }

    /// <summary>One step of a variable's path: a key of a section or map, or an index of a list.</summary>
    private sealed record Step(string? Key, int Index, Type Type);

    /// <summary>Matches the segments to the schema and returns null when they name no key.</summary>
    private static List<Step>? Resolve(Type rootType, string[] segments)
    {
        var steps = new List<Step>();
        var type = rootType;
        var position = 0;
        while (position < segments.Length)
        {
            switch (ConfigSchema.ShapeOf(type))
            {
                case ValueShape.Section:
                    var (property, length) = MatchKey(type, segments, position);
                    if (property is null)
                    {
                        return null;
                    }

                    steps.Add(new Step(property.Key, 0, property.Type));
                    type = property.Type;
                    position += length;
                    break;

                case ValueShape.List:
                    if (!int.TryParse(segments[position], out var index) || index < 0)
                    {
                        return null;
                    }

                    type = ConfigSchema.ElementType(type);
                    steps.Add(new Step(null, index, type));
                    position++;
                    break;

                case ValueShape.Map when ConfigSchema.ShapeOf(ConfigSchema.ElementType(type)) == ValueShape.Scalar:
                    // A map of scalars takes the rest of the name as its key.
                    type = ConfigSchema.ElementType(type);
                    steps.Add(new Step(string.Join('_', segments[position..]).ToLowerInvariant(), 0, type));
                    position = segments.Length;
                    break;

                case ValueShape.Map or ValueShape.FreeForm:
                    type = type == typeof(object) ? type : ConfigSchema.ElementType(type);
                    steps.Add(new Step(segments[position].ToLowerInvariant(), 0, type));
                    position++;
                    break;

                default:
                    return null;
            }
        }

        return steps.Count > 0 && steps.TrueForAll(step => step.Key is not "") ? steps : null;
    }

    // Finds the key whose upper-cased, '_'-split form matches the most segments at the position.
    private static (SchemaProperty? Property, int Length) MatchKey(Type section, string[] segments, int position)
    {
        SchemaProperty? best = null;
        var bestLength = 0;
        foreach (var property in ConfigSchema.PropertiesOf(section))
        {
            var parts = property.Key.ToUpperInvariant().Split('_');
            if (parts.Length > bestLength && position + parts.Length <= segments.Length
                && parts.AsSpan().SequenceEqual(segments.AsSpan(position, parts.Length)))
            {
                best = property;
                bestLength = parts.Length;
            }
        }

        return (best, bestLength);
    }

    private static ConfigNode Set(ConfigNode? existing, Type type, List<Step> steps, int position, ConfigNode value, ConfigOrigin origin)
    {
        if (position == steps.Count)
        {
            return value;
        }

        var step = steps[position];
        if (step.Key is null)
        {
            var sequence = existing as ConfigSequence ?? new ConfigSequence(origin);
            if (step.Index > sequence.Items.Count)
            {
                throw new ConfigurationException(
                    $"{origin}: index {step.Index} is past the end of a list of {sequence.Items.Count}; the next item is index {sequence.Items.Count}");
            }

            if (step.Index == sequence.Items.Count)
            {
                sequence.Items.Add(new ConfigScalar(null, origin));
            }

            sequence.Items[step.Index] = Set(sequence.Items[step.Index], step.Type, steps, position + 1, value, origin);
            return sequence;
        }

        var mapping = AsMapping(existing, type, origin);

        // A map key written in the file in another case ("X-Frame-Options") is the same key.
        var entry = mapping.Find(step.Key)
            ?? (ConfigSchema.ShapeOf(type) == ValueShape.Section ? null
                : mapping.Entries.Find(candidate => string.Equals(candidate.Key, step.Key, StringComparison.OrdinalIgnoreCase)));
        var key = entry?.Key ?? step.Key;
        var isLast = position == steps.Count - 1;
        var keyOrigin = isLast ? origin : entry?.KeyOrigin ?? origin;
        mapping.Set(key, keyOrigin, Set(entry?.Value, step.Type, steps, position + 1, value, origin));
        return mapping;
    }

    // Opens a mapping to set a key in, turning "storage: inmemory" into "storage: {inmemory: }" first.
    private static ConfigMapping AsMapping(ConfigNode? existing, Type type, ConfigOrigin origin)
    {
        if (existing is ConfigMapping mapping)
        {
            return mapping;
        }

        var named = new ConfigMapping(origin);
        if (existing is ConfigScalar { Value: { } name } && type.IsDefined(typeof(ScalarNamesKeyAttribute), inherit: false))
        {
            named.Set(name, existing.Origin, new ConfigScalar(null, existing.Origin));
        }

        return named;
    }

    // A string is verbatim unless quoted. Another scalar is trimmed. A section, list or map is YAML.
    private static ConfigNode ParseValue(Type type, string value, string name, List<ConfigurationMessage> warnings)
    {
        var origin = new ConfigOrigin(name, 0);
        var shape = ConfigSchema.ShapeOf(type);
        var isString = (Nullable.GetUnderlyingType(type) ?? type) == typeof(string);
        if (shape == ValueShape.Scalar && isString && !IsQuoted(value))
        {
            return new ConfigScalar(value, origin);
        }

        if (shape == ValueShape.Scalar && !isString)
        {
            var trimmed = value.Trim();
            return new ConfigScalar(trimmed.Length > 0 ? trimmed : null, origin);
        }

        return YamlTreeReader.Read(value, name, warnings, withLines: false) ?? new ConfigScalar(null, origin);
    }

    private static bool IsQuoted(string value) =>
        value.Length >= 2 && (value[0], value[^1]) is ('"', '"') or ('\'', '\'');
}
