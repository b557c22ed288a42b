using System.Collections;

namespace Registry.Silo.Configuration.Binding;

/// <summary>A section class that checks its own values after binding.</summary>
internal interface IValidatedSection
{
    /// <summary>
    /// Checks the section and throws the exception that a <see cref="ValidationContext"/> method builds.
    /// It may also settle a value: a deprecated alias into its successor, or a value below distribution's
    /// minimum up to that minimum, with a warning.
    /// </summary>
    void Validate(ValidationContext context);
}

/// <summary>
/// Validates a bound configuration and builds its messages. Every message starts with the origin of
/// the key (<c>config.yml:12</c> or an environment variable) and names the key's full path.
/// </summary>
internal sealed class ValidationContext(SourceMap sources, List<ConfigurationMessage> warnings)
{
    public SourceMap Sources { get; } = sources;

    /// <summary>
    /// Validates every section reachable from <paramref name="root"/>: first it gives each section
    /// its path (including sections the document never mentions), then it runs each section's
    /// <see cref="IValidatedSection.Validate"/>, parents before children.
    /// </summary>
    public void ValidateTree(object root)
    {
        var sections = new List<object>();
        Collect(root, "", sections);
        foreach (var section in sections)
        {
            (section as IValidatedSection)?.Validate(this);
        }
    }

    public bool IsSet(object section, string key) => Sources.IsSet(section, key);

    public string PathOf(object section, string key) => Sources.PathOf(section, key);

    /// <summary>"config.yml:12: storage.maintenance.uploadpurging.age is '-1h', but must be positive".</summary>
    public ConfigurationException Invalid(object section, string key, string rule)
    {
        var text = Sources.TextOf(section, key);
        var path = Sources.PathOf(section, key);
        var statement = text is null ? $"{path} {rule}" : $"{path} is '{text}', but {rule}";
        return new ConfigurationException($"{Sources.OriginOf(section, key)}: {statement}");
    }

    /// <summary>"config.yml:14: auth.htpasswd.path is missing. Htpasswd needs realm and path".</summary>
    public ConfigurationException Missing(object section, string key, string reason) =>
        new($"{Sources.OriginOf(section)}: {Sources.PathOf(section, key)} is missing; {reason}");

    /// <summary>A message about the section as a whole, cited at the section's key (or at <paramref name="key"/>).</summary>
    public ConfigurationException Fail(object section, string message, string? key = null) =>
        new($"{Sources.OriginOf(section, key)}: {message}");

    /// <summary>Requires <paramref name="key"/> to be set to non-blank text, with <paramref name="reason"/> ending the message when it is missing.</summary>
    public void RequireText(object section, string key, string value, string reason)
    {
        if (!IsSet(section, key))
        {
            throw Missing(section, key, reason);
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(section, key, "must not be empty");
        }
    }

    /// <summary>
    /// The key of <paramref name="keys"/> set last, for a message about a conflict between them: one set
    /// by an environment variable, else the one on the latest line of the file.
    /// </summary>
    public string LastWritten(object section, IReadOnlyList<string> keys) =>
        keys.MaxBy(key => (Sources.OriginOf(section, key).Source != Sources.DefaultSource, Sources.OriginOf(section, key).Line))!;

    public void Warn(object section, string? key, string text) =>
        warnings.Add(new ConfigurationMessage(Sources.OriginOf(section, key).ToString(), text));

    private void Collect(object section, string path, List<object> sections)
    {
        Sources.AddSection(section, path, new ConfigOrigin(Sources.DefaultSource, 0));
        sections.Add(section);
        foreach (var property in ConfigSchema.PropertiesOf(section.GetType()))
        {
            var value = property.Property.GetValue(section);
            var childPath = SourceMap.Join(path, property.Key);
            switch (ConfigSchema.ShapeOf(property.Type))
            {
                case ValueShape.Section when value is not null:
                    Collect(value, childPath, sections);
                    break;
                case ValueShape.List when value is IList items && ConfigSchema.ShapeOf(ConfigSchema.ElementType(property.Type)) == ValueShape.Section:
                    for (var index = 0; index < items.Count; index++)
                    {
                        Collect(items[index]!, $"{childPath}[{index}]", sections);
                    }

                    break;
            }
        }
    }
}
