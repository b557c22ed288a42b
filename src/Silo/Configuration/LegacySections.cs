using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

// Sections of distribution v2.8 that v3.0 removed. They are parsed so that a registry:2 configuration
// loads. None of them has an effect in this registry.

/// <summary>The <c>compatibility</c> section (distribution v2.8): handling of deprecated formats.</summary>
public sealed class CompatibilitySection
{
    /// <summary><c>compatibility.schema1</c>: Docker image manifest v2 schema 1.</summary>
    [ConfigKey("schema1")]
    public Schema1Section Schema1 { get; set; } = new();
}

/// <summary>The <c>compatibility.schema1</c> section.</summary>
public sealed class Schema1Section
{
    /// <summary><c>signingkeyfile</c>: the key that signs schema 1 manifests. Default a key generated at start.</summary>
    [ConfigKey("signingkeyfile")]
    public string SigningKeyFile { get; set; } = "";

    /// <summary><c>enabled</c>: whether schema 1 manifests may be pushed. Default false.</summary>
    [ConfigKey("enabled")]
    public bool Enabled { get; set; }
}

/// <summary>The <c>policy</c> section (distribution v2): which content repositories may hold.</summary>
public sealed class PolicySection
{
    /// <summary><c>policy.repository</c>: repository policies.</summary>
    [ConfigKey("repository")]
    public RepositoryPolicySection Repository { get; set; } = new();
}

/// <summary>The <c>policy.repository</c> section.</summary>
public sealed class RepositoryPolicySection
{
    /// <summary><c>classes</c>: the repository classes content may belong to. Default any.</summary>
    [ConfigKey("classes")]
    public List<string> Classes { get; set; } = [];
}

/// <summary>The <c>reporting</c> section (distribution v2.8): error reporting services.</summary>
public sealed class ReportingSection
{
    /// <summary><c>reporting.bugsnag</c>: Bugsnag.</summary>
    [ConfigKey("bugsnag")]
    public BugsnagSection Bugsnag { get; set; } = new();

    /// <summary><c>reporting.newrelic</c>: New Relic.</summary>
    [ConfigKey("newrelic")]
    public NewRelicSection NewRelic { get; set; } = new();
}

/// <summary>The <c>reporting.bugsnag</c> section.</summary>
public sealed class BugsnagSection
{
    /// <summary><c>apikey</c>: the Bugsnag API key. Required to report.</summary>
    [ConfigKey("apikey")]
    [Secret]
    public string ApiKey { get; set; } = "";

    /// <summary><c>releasestage</c>: where the registry runs, such as production.</summary>
    [ConfigKey("releasestage")]
    public string ReleaseStage { get; set; } = "";

    /// <summary><c>endpoint</c>: an enterprise Bugsnag endpoint.</summary>
    [ConfigKey("endpoint")]
    public string Endpoint { get; set; } = "";
}

/// <summary>The <c>reporting.newrelic</c> section.</summary>
public sealed class NewRelicSection
{
    /// <summary><c>licensekey</c>: the New Relic license key. Required to report.</summary>
    [ConfigKey("licensekey")]
    [Secret]
    public string LicenseKey { get; set; } = "";

    /// <summary><c>name</c>: the application name in New Relic.</summary>
    [ConfigKey("name")]
    public string Name { get; set; } = "";

    /// <summary><c>verbose</c>: whether New Relic's debug output goes to stdout. Default false.</summary>
    [ConfigKey("verbose")]
    public bool Verbose { get; set; }
}
