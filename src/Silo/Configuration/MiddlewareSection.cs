using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>The <c>middleware</c> section: named plug-ins at distribution's three hook points.</summary>
public sealed class MiddlewareSection
{
    /// <summary><c>middleware.registry</c>: middleware around the whole registry.</summary>
    [ConfigKey("registry")]
    public List<MiddlewareEntry> Registry { get; set; } = [];

    /// <summary><c>middleware.repository</c>: middleware around each repository.</summary>
    [ConfigKey("repository")]
    public List<MiddlewareEntry> Repository { get; set; } = [];

    /// <summary><c>middleware.storage</c>: middleware around the storage driver, such as cloudfront or redirect.</summary>
    [ConfigKey("storage")]
    public List<MiddlewareEntry> Storage { get; set; } = [];
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
