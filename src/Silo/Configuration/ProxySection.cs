using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>
/// The <c>proxy</c> section: serve as a pull-through cache of another registry. Setting any key
/// requires <c>remoteurl</c>.
/// </summary>
public sealed class ProxySection : IValidatedSection
{
    /// <summary><c>remoteurl</c>: the URL of the registry to mirror, such as <c>https://registry-1.docker.io</c>.</summary>
    [ConfigKey("remoteurl")]
    public string RemoteUrl { get; set; } = "";

    /// <summary><c>username</c>: the user at the remote registry, for private repositories.</summary>
    [ConfigKey("username")]
    public string Username { get; set; } = "";

    /// <summary><c>password</c>: that user's password.</summary>
    [ConfigKey("password")]
    [Secret]
    public string Password { get; set; } = "";

    /// <summary><c>ttl</c>: how long cached content is kept, as a Go duration. Default 168h, 0 to keep it forever.</summary>
    [ConfigKey("ttl")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(168);

    /// <summary><c>exec</c>: a Docker credential helper that returns the remote credentials (distribution v3).</summary>
    [ConfigKey("exec")]
    public ProxyExecSection? Exec { get; set; }

    /// <summary><c>remotenamespace</c>: a namespace prefixed to every remote repository name (distribution v3).</summary>
    [ConfigKey("remotenamespace")]
    public string RemoteNamespace { get; set; } = "";

    /// <summary>Whether the registry is configured as a pull-through cache.</summary>
    public bool Configured => RemoteUrl.Length > 0;

    void IValidatedSection.Validate(ValidationContext context)
    {
        var anySet = ConfigSchema.PropertiesOf(GetType()).Any(property => context.IsSet(this, property.Key));
        if (!anySet)
        {
            return;
        }

        context.RequireText(this, "remoteurl", RemoteUrl, "a pull-through cache needs the URL of the remote registry");
        if (!HttpSection.IsHttpUrl(RemoteUrl))
        {
            throw context.Invalid(this, "remoteurl", "must be an absolute http or https URL");
        }

        if (Ttl < TimeSpan.Zero)
        {
            throw context.Invalid(this, "ttl", "must not be negative; 0 keeps cached content forever");
        }
    }
}

/// <summary>The <c>proxy.exec</c> section, in which <c>command</c> is required.</summary>
public sealed class ProxyExecSection : IValidatedSection
{
    /// <summary><c>command</c>: the credential helper to run, such as <c>docker-credential-ecr-login</c>.</summary>
    [ConfigKey("command")]
    public string Command { get; set; } = "";

    /// <summary>
    /// <c>lifetime</c>: how long returned credentials are reused, as a Go duration. Zero runs the helper
    /// for every request, and no value (null) runs it once.
    /// </summary>
    [ConfigKey("lifetime")]
    public TimeSpan? Lifetime { get; set; }

    void IValidatedSection.Validate(ValidationContext context)
    {
        context.RequireText(this, "command", Command, "a credential helper needs the command to run");
        if (Lifetime < TimeSpan.Zero)
        {
            throw context.Invalid(this, "lifetime", "must not be negative");
        }
    }
}
