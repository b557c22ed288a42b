using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>The <c>storage.maintenance</c> section: upload purging and read-only mode.</summary>
public sealed class StorageMaintenanceSection
{
    /// <summary><c>storage.maintenance.uploadpurging</c>: the background removal of abandoned uploads.</summary>
    [ConfigKey("uploadpurging")]
    public UploadPurgingSection UploadPurging { get; set; } = new();

    /// <summary><c>storage.maintenance.readonly</c>: read-only mode.</summary>
    [ConfigKey("readonly")]
    public ReadOnlySection ReadOnly { get; set; } = new();
}

/// <summary>
/// The <c>storage.maintenance.uploadpurging</c> section. Defaults are distribution's: on, every 24
/// hours, removing uploads older than 168 hours (one week).
/// </summary>
public sealed class UploadPurgingSection : IValidatedSection
{
    /// <summary><c>enabled</c>: whether abandoned uploads are removed. Default true.</summary>
    [ConfigKey("enabled")]
    public bool Enabled { get; set; } = true;

    /// <summary><c>age</c>: how old an upload must be to be removed, as a Go duration. Default 168h.</summary>
    [ConfigKey("age")]
    public TimeSpan Age { get; set; } = TimeSpan.FromHours(168);

    /// <summary><c>interval</c>: time between two purges, as a Go duration. Default 24h.</summary>
    [ConfigKey("interval")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    /// <summary><c>dryrun</c>: whether a purge only logs what it would remove. Default false.</summary>
    [ConfigKey("dryrun")]
    public bool DryRun { get; set; }

    void IValidatedSection.Validate(ValidationContext context)
    {
        if (!Enabled)
        {
            return;
        }

        if (Age <= TimeSpan.Zero)
        {
            throw context.Invalid(this, "age", "must be a positive duration such as 168h while upload purging is enabled");
        }

        if (Interval <= TimeSpan.Zero)
        {
            throw context.Invalid(this, "interval", "must be a positive duration such as 24h while upload purging is enabled");
        }
    }
}

/// <summary>The <c>storage.maintenance.readonly</c> section.</summary>
public sealed class ReadOnlySection
{
    /// <summary>
    /// <c>enabled</c>: whether every write is rejected while reads go on, as during garbage
    /// collection. Default false.
    /// </summary>
    [ConfigKey("enabled")]
    public bool Enabled { get; set; }
}
