using System.Text.RegularExpressions;
using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>The <c>validation</c> section: checks applied to pushed manifests.</summary>
public sealed class ValidationSection
{
    /// <summary><c>validation.enabled</c>: the deprecated switch that <c>disabled</c> replaces. Default false.</summary>
    [ConfigKey("enabled")]
    public bool Enabled { get; set; }

    /// <summary><c>validation.disabled</c>: whether the checks below are off. Default false.</summary>
    [ConfigKey("disabled")]
    public bool Disabled { get; set; }

    /// <summary><c>validation.manifests</c>: checks of manifests.</summary>
    [ConfigKey("manifests")]
    public ManifestValidationSection Manifests { get; set; } = new();
}

/// <summary>The <c>validation.manifests</c> section.</summary>
public sealed class ManifestValidationSection
{
    /// <summary><c>urls</c>: which foreign-layer URLs a manifest may contain.</summary>
    [ConfigKey("urls")]
    public ManifestUrlValidationSection Urls { get; set; } = new();

    /// <summary><c>indexes</c>: which platform images of an index must exist (distribution v3).</summary>
    [ConfigKey("indexes")]
    public IndexValidationSection Indexes { get; set; } = new();
}

/// <summary>
/// The <c>validation.manifests.urls</c> section: regular expressions (Go RE2 syntax, checked here
/// with .NET's engine) that URLs in a pushed manifest must match (<c>allow</c>) and must not match (<c>deny</c>).
/// </summary>
public sealed class ManifestUrlValidationSection : IValidatedSection
{
    /// <summary><c>allow</c>: patterns one of which every URL must match. Default none, so no URL is accepted.</summary>
    [ConfigKey("allow")]
    public List<string> Allow { get; set; } = [];

    /// <summary><c>deny</c>: patterns no URL may match. Default none.</summary>
    [ConfigKey("deny")]
    public List<string> Deny { get; set; } = [];

    void IValidatedSection.Validate(ValidationContext context)
    {
        CheckPatterns(context, "allow", Allow);
        CheckPatterns(context, "deny", Deny);
    }

    private void CheckPatterns(ValidationContext context, string key, List<string> patterns)
    {
        for (var index = 0; index < patterns.Count; index++)
        {
            try
            {
                _ = new Regex(patterns[index], RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException exception)
            {
                throw context.Invalid(this, $"{key}[{index}]", $"must be a regular expression ({exception.Message})");
            }
        }
    }
}

/// <summary>The <c>validation.manifests.indexes</c> section.</summary>
public sealed class IndexValidationSection : IValidatedSection
{
    /// <summary><c>platforms</c>: all, none or list. Default all (every platform image of an index must exist).</summary>
    [ConfigKey("platforms")]
    public IndexPlatformValidation Platforms { get; set; } = IndexPlatformValidation.All;

    /// <summary><c>platformlist</c>: the platforms checked when <c>platforms</c> is list.</summary>
    [ConfigKey("platformlist")]
    public List<ValidationPlatform> PlatformList { get; set; } = [];

    void IValidatedSection.Validate(ValidationContext context)
    {
        if (PlatformList.Count > 0 && Platforms != IndexPlatformValidation.List)
        {
            context.Warn(this, "platformlist", "validation.manifests.indexes.platformlist is used only when platforms is list");
        }
    }
}

/// <summary>A <c>validation.manifests.indexes.platforms</c> value.</summary>
public enum IndexPlatformValidation
{
    All,
    None,
    List,
}

/// <summary>One entry of <c>platformlist</c>: an OCI platform. Both keys are required.</summary>
public sealed class ValidationPlatform : IValidatedSection
{
    /// <summary><c>architecture</c>: the CPU architecture, such as <c>amd64</c>.</summary>
    [ConfigKey("architecture")]
    public string Architecture { get; set; } = "";

    /// <summary><c>os</c>: the operating system, such as <c>linux</c>.</summary>
    [ConfigKey("os")]
    public string Os { get; set; } = "";

    void IValidatedSection.Validate(ValidationContext context)
    {
        context.RequireText(this, "architecture", Architecture, "a platform needs architecture and os");
        context.RequireText(this, "os", Os, "a platform needs architecture and os");
    }
}
