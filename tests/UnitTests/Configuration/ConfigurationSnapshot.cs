using System.Collections;
using System.Globalization;
using Registry.Silo.Configuration;
using Registry.Silo.Configuration.Binding;

namespace Registry.UnitTests.Configuration;

/// <summary>
/// Flattens a configuration into "key path = value" lines, so two configurations compare equal
/// exactly when every key of the schema has the same value, and a failure lists the keys that differ.
/// </summary>
internal static class ConfigurationSnapshot
{
    public static SortedDictionary<string, string> Of(RegistryConfiguration configuration)
    {
        var lines = new SortedDictionary<string, string>(StringComparer.Ordinal);
        AddSection(configuration, "", lines);
        return lines;
    }

    private static void AddSection(object section, string path, SortedDictionary<string, string> lines)
    {
        foreach (var property in ConfigSchema.PropertiesOf(section.GetType()))
        {
            Add(property.Property.GetValue(section), SourceMap.Join(path, property.Key), lines);
        }
    }

    private static void Add(object? value, string path, SortedDictionary<string, string> lines)
    {
        switch (value)
        {
            case null:
                lines[path] = "(none)";
                break;
            case string or bool or int or long or Enum:
                lines[path] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
                break;
            case TimeSpan duration:
                lines[path] = duration.ToString("c", CultureInfo.InvariantCulture);
                break;
            case IDictionary map:
                lines[path] = $"({map.Count} entries)";
                foreach (DictionaryEntry entry in map)
                {
                    Add(entry.Value, $"{path}.{entry.Key}", lines);
                }

                break;
            case IList list:
                lines[path] = $"({list.Count} items)";
                for (var index = 0; index < list.Count; index++)
                {
                    Add(list[index], $"{path}[{index}]", lines);
                }

                break;
            default:
                lines[path] = "(section)";
                AddSection(value, path, lines);
                break;
        }
    }
}
