using System.Collections.Concurrent;
using System.Reflection;

namespace Registry.Silo.Configuration.Binding;

/// <summary>How a configuration value is written in YAML, decided by the .NET type of its property.</summary>
internal enum ValueShape
{
    /// <summary>string, bool, int, long, TimeSpan (a Go duration) or an enum, optionally nullable.</summary>
    Scalar,

    /// <summary>A section class (one per YAML section), whose keys are the properties that carry <see cref="ConfigKeyAttribute"/>.</summary>
    Section,

    /// <summary><c>List&lt;T&gt;</c>: a YAML sequence.</summary>
    List,

    /// <summary><c>Dictionary&lt;string, T&gt;</c>: a YAML mapping with keys chosen by the operator.</summary>
    Map,

    /// <summary><c>object</c>: any YAML, kept as string, list and dictionary values (middleware options).</summary>
    FreeForm,
}

/// <summary>One configuration key of a section class.</summary>
internal sealed record SchemaProperty(string Key, PropertyInfo Property, bool IsSecret)
{
    public Type Type => Property.PropertyType;
}

/// <summary>
/// The configuration schema, read by reflection from the section classes: the keys of each section
/// and the shape of each value. The binder and the environment overrides both walk it.
/// </summary>
internal static class ConfigSchema
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<SchemaProperty>> Properties = new();

    public static IReadOnlyList<SchemaProperty> PropertiesOf(Type section) =>
        Properties.GetOrAdd(section, static type => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(property => (Property: property, Key: property.GetCustomAttribute<ConfigKeyAttribute>()?.Key))
            .Where(candidate => candidate.Key is not null)
            .Select(candidate => new SchemaProperty(
                candidate.Key!,
                candidate.Property,
                candidate.Property.IsDefined(typeof(SecretAttribute))))
            .ToList());

    public static SchemaProperty? Find(Type section, string key) =>
        PropertiesOf(section).FirstOrDefault(property => property.Key == key);

    public static ValueShape ShapeOf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string) || underlying == typeof(bool) || underlying == typeof(int)
            || underlying == typeof(long) || underlying == typeof(TimeSpan) || underlying.IsEnum)
        {
            return ValueShape.Scalar;
        }

        if (type == typeof(object))
        {
            return ValueShape.FreeForm;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            return ValueShape.List;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)
            && type.GetGenericArguments()[0] == typeof(string))
        {
            return ValueShape.Map;
        }

        // Any other class is a section class. One without keys (storage.inmemory) takes no parameters.
        return type.IsClass
            ? ValueShape.Section
            : throw new InvalidOperationException($"{type} is not a configuration type; use a section class or a supported value type");
    }

    /// <summary>The element type of a <c>List&lt;T&gt;</c> or the value type of a <c>Dictionary&lt;string, T&gt;</c>.</summary>
    public static Type ElementType(Type type) => type.GetGenericArguments()[^1];
}
