using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>
/// The <c>auth</c> section: at most one access controller. No section (the default) means no
/// authentication. As in distribution, <c>auth: silly</c> names a controller with no parameters,
/// and any other key is read as a controller name.
/// </summary>
[ScalarNamesKey]
[UnknownKeyIsError("access controller", "silly, htpasswd, token or none")]
public sealed class AuthSection : IValidatedSection
{
    /// <summary><c>auth.silly</c>: accepts any request that has an Authorization header. For development only.</summary>
    [ConfigKey("silly")]
    public SillyAuthSection? Silly { get; set; }

    /// <summary><c>auth.htpasswd</c>: HTTP Basic authentication against an htpasswd file.</summary>
    [ConfigKey("htpasswd")]
    public HtpasswdAuthSection? Htpasswd { get; set; }

    /// <summary><c>auth.token</c>: bearer tokens issued by a separate token service.</summary>
    [ConfigKey("token")]
    public TokenAuthSection? Token { get; set; }

    /// <summary><c>auth.none</c>: no authentication, written out.</summary>
    [ConfigKey("none")]
    public NoAuthSection? None { get; set; }

    /// <summary>The configured controller's key (silly, htpasswd, token or none), or null when the section is absent.</summary>
    public string? Scheme => ConfiguredSchemes().FirstOrDefault();

    private IEnumerable<string> ConfiguredSchemes()
    {
        var schemes = new (string Name, object? Section)[] { ("silly", Silly), ("htpasswd", Htpasswd), ("token", Token), ("none", None) };
        return schemes.Where(scheme => scheme.Section is not null).Select(scheme => scheme.Name);
    }

    void IValidatedSection.Validate(ValidationContext context)
    {
        var schemes = ConfiguredSchemes().ToList();
        if (schemes.Count > 1)
        {
            throw context.Fail(this, $"auth names {schemes.Count} access controllers ({string.Join(", ", schemes)}), but may name only one", context.LastWritten(this, schemes));
        }
    }
}

/// <summary>The <c>auth.silly</c> section. Both keys are required.</summary>
public sealed class SillyAuthSection : IValidatedSection
{
    /// <summary><c>realm</c>: the realm sent in the challenge.</summary>
    [ConfigKey("realm")]
    public string Realm { get; set; } = "";

    /// <summary><c>service</c>: the service sent in the challenge.</summary>
    [ConfigKey("service")]
    public string Service { get; set; } = "";

    void IValidatedSection.Validate(ValidationContext context)
    {
        context.RequireText(this, "realm", Realm, "silly authentication needs realm and service");
        context.RequireText(this, "service", Service, "silly authentication needs realm and service");
    }
}

/// <summary>The <c>auth.htpasswd</c> section. Both keys are required.</summary>
public sealed class HtpasswdAuthSection : IValidatedSection
{
    /// <summary><c>realm</c>: the realm sent in <c>WWW-Authenticate: Basic</c>.</summary>
    [ConfigKey("realm")]
    public string Realm { get; set; } = "";

    /// <summary>
    /// <c>path</c>: the htpasswd file, read once at start-up. Only bcrypt entries are accepted. A
    /// missing file is created with one generated user, as distribution does.
    /// </summary>
    [ConfigKey("path")]
    public string Path { get; set; } = "";

    void IValidatedSection.Validate(ValidationContext context)
    {
        context.RequireText(this, "realm", Realm, "htpasswd authentication needs realm and path");
        context.RequireText(this, "path", Path, "htpasswd authentication needs realm and path");
    }
}

/// <summary>The <c>auth.none</c> section, which takes no parameters.</summary>
public sealed class NoAuthSection;
