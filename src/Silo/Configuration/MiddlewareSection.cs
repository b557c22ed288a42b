using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>The <c>middleware</c> section: named plug-ins at distribution's three hook points.</summary>
public sealed class MiddlewareSection : IValidatedSection
{
    /// <summary>The <c>middleware.storage</c> names this version implements, as distribution registers them.</summary>
    public static readonly IReadOnlyList<string> StorageMiddlewareNames = ["redirect", "cloudfront"];

    /// <summary><c>middleware.registry</c>: middleware around the whole registry.</summary>
    [ConfigKey("registry")]
    public List<MiddlewareEntry> Registry { get; set; } = [];

    /// <summary><c>middleware.repository</c>: middleware around each repository.</summary>
    [ConfigKey("repository")]
    public List<MiddlewareEntry> Repository { get; set; } = [];

    /// <summary><c>middleware.storage</c>: middleware around the storage driver, such as cloudfront or redirect.</summary>
    [ConfigKey("storage")]
    public List<MiddlewareEntry> Storage { get; set; } = [];

    /// <summary>Rejects a storage middleware name that no middleware registers, as distribution does at start-up.</summary>
    void IValidatedSection.Validate(ValidationContext context)
    {
        foreach (var entry in Storage)
        {
            if (!entry.Disabled && entry.Name.Length > 0 && !StorageMiddlewareNames.Contains(entry.Name))
            {
                throw context.Invalid(entry, "name", $"no storage middleware has that name; use {string.Join(" or ", StorageMiddlewareNames)}");
            }
        }
    }
}

/// <summary>One middleware entry, in which <c>name</c> is required.</summary>
public sealed class MiddlewareEntry : IValidatedSection
{
    /// <summary><c>name</c>: the name the middleware registers under.</summary>
    [ConfigKey("name")]
    public string Name { get; set; } = "";

    /// <summary><c>disabled</c>: whether the entry is skipped. Default false.</summary>
    [ConfigKey("disabled")]
    public bool Disabled { get; set; }

    /// <summary>
    /// <c>options</c>: the middleware's own settings, any YAML, as string, <c>List&lt;object?&gt;</c>
    /// and <c>Dictionary&lt;string, object?&gt;</c> values.
    /// </summary>
    [ConfigKey("options")]
    public Dictionary<string, object?> Options { get; set; } = new(StringComparer.Ordinal);

    void IValidatedSection.Validate(ValidationContext context) =>
        context.RequireText(this, "name", Name, "a middleware entry needs the name of the middleware");
}
