namespace Registry.Grains.Maintenance;

/// <summary>Settings of upload purging (<c>storage.maintenance.uploadpurging</c>), with distribution's defaults.</summary>
public sealed class UploadPurgeOptions
{
    /// <summary><c>enabled</c>: whether stale upload sessions are purged in the background; default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>age</c>: a session started longer ago than this is purged; default 168 hours (one week).</summary>
    public TimeSpan Age { get; set; } = TimeSpan.FromHours(168);

    /// <summary><c>interval</c>: the time between two purges; default 24 hours.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    /// <summary><c>dryrun</c>: when true, a purge only logs the sessions it would delete; default false.</summary>
    public bool DryRun { get; set; }

    /// <summary>
    /// Upper bound of the random delay before the first purge after the purge grain is activated.
    /// Default 60 minutes, because distribution waits a random 0–59 minutes after start.
    /// </summary>
    public TimeSpan MaxFirstRunDelay { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Throws <see cref="ArgumentException"/>, naming the key, when a duration is not positive.</summary>
    public void Validate()
    {
        if (Age <= TimeSpan.Zero)
        {
            throw new ArgumentException($"storage.maintenance.uploadpurging.age is {Age}, but must be a positive duration such as 168h");
        }

        if (Interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"storage.maintenance.uploadpurging.interval is {Interval}, but must be a positive duration such as 24h");
        }

        if (MaxFirstRunDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"the first-run delay of upload purging is {MaxFirstRunDelay}, but must not be negative");
        }
    }
}
