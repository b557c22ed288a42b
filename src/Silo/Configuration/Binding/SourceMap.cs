namespace Registry.Silo.Configuration.Binding;

/// <summary>
/// Records, for each bound options object, its key path and the origin and text of each key that was
/// set, so validation can name the key, the file and the line after binding has finished.
/// </summary>
internal sealed class SourceMap(string defaultSource)
{
    private readonly Dictionary<object, SectionRecord> _sections = new(ReferenceEqualityComparer.Instance);

    /// <summary>The file name, or "built-in defaults", cited for a section the document never mentions.</summary>
    public string DefaultSource { get; } = defaultSource;

    /// <summary>Registers a section's path. The first registration wins, so a bound origin is kept.</summary>
    public void AddSection(object section, string path, ConfigOrigin origin)
    {
        var record = Record(section);
        if (!record.Registered)
        {
            record.Path = path;
            record.Origin = origin;
            record.Registered = true;
        }
    }

    /// <summary>Records that <paramref name="key"/> of <paramref name="section"/> was set. The text is null for a list or mapping.</summary>
    public void AddValue(object section, string key, ConfigOrigin origin, string? text) =>
        Record(section).Values[key] = new ValueRecord(origin, text);

    public bool IsSet(object section, string key) => Record(section).Values.ContainsKey(key);

    public string PathOf(object section) => Record(section).Path;

    /// <summary>The path of a key: <c>storage.delete.enabled</c>, or <c>version</c> at the top level.</summary>
    public string PathOf(object section, string key) => Join(PathOf(section), key);

    /// <summary>The origin of a key if it was set, else of its section, else the source alone.</summary>
    public ConfigOrigin OriginOf(object section, string? key = null)
    {
        var record = Record(section);
        return key is not null && record.Values.TryGetValue(key, out var value) ? value.Origin : record.Origin;
    }

    public string? TextOf(object section, string key) =>
        Record(section).Values.TryGetValue(key, out var value) ? value.Text : null;

    public static string Join(string path, string key) =>
        path.Length == 0 ? key : key.StartsWith('[') ? path + key : $"{path}.{key}";

    private SectionRecord Record(object section)
    {
        if (!_sections.TryGetValue(section, out var record))
        {
            record = new SectionRecord("", new ConfigOrigin(DefaultSource, 0));
            _sections[section] = record;
        }

        return record;
    }

    private sealed class SectionRecord(string path, ConfigOrigin origin)
    {
        public string Path { get; set; } = path;

        public ConfigOrigin Origin { get; set; } = origin;

        /// <summary>False for a record created by a lookup before <see cref="AddSection"/> named the section.</summary>
        public bool Registered { get; set; }

        public Dictionary<string, ValueRecord> Values { get; } = new(StringComparer.Ordinal);
    }

    private sealed record ValueRecord(ConfigOrigin Origin, string? Text);
}
