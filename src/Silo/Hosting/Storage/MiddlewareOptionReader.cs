using Registry.Silo.Configuration;

namespace Registry.Silo.Hosting.Storage;

/// <summary>
/// Reads the free-form <c>options</c> of one middleware entry, with messages that name each key
/// by its full path, such as <c>middleware.storage[0].options.baseurl</c>.
/// </summary>
internal sealed class MiddlewareOptionReader(string entryPath, IReadOnlyDictionary<string, object?> options)
{
    public string PathOf(string key) => $"{entryPath}.options.{key}";

    /// <summary>Returns the option as text, or null when it is absent.</summary>
    public string? OptionalString(string key)
    {
        if (!options.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        return value as string ?? throw new ConfigurationException($"{PathOf(key)} must be a single value, not a list or a map");
    }

    public string RequiredString(string key, string reason)
    {
        var value = OptionalString(key);
        if (value is null)
        {
            throw new ConfigurationException($"{PathOf(key)} is missing; {reason}");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ConfigurationException($"{PathOf(key)} must not be empty; {reason}");
        }

        return value;
    }

    /// <summary>Returns the option as a positive Go duration (<c>20m</c>, <c>1h30m</c>), or null when it is absent.</summary>
    public TimeSpan? Duration(string key)
    {
        if (OptionalString(key) is not { } text)
        {
            return null;
        }

        if (!GoDuration.TryParse(text, out var duration) || duration <= TimeSpan.Zero)
        {
            throw Invalid(key, text, "must be a positive duration such as 20m or 1h");
        }

        return duration;
    }

    public ConfigurationException Invalid(string key, string value, string rule) =>
        new($"{PathOf(key)} is '{value}', but {rule}");
}
