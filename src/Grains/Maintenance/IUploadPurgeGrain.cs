namespace Registry.Grains.Maintenance;

/// <summary>
/// The upload purger: one activation in the cluster (key <see cref="SingletonKey"/>) that deletes
/// upload sessions whose <c>startedat</c> is older than <see cref="UploadPurgeOptions.Age"/>,
/// every <see cref="UploadPurgeOptions.Interval"/>.
/// </summary>
public interface IUploadPurgeGrain : IGrainWithIntegerKey
{
    /// <summary>The key of the one purger of a cluster.</summary>
    public const long SingletonKey = 0;

    /// <summary>
    /// Arms the purge timer when purging is enabled and the timer is not armed yet. Calling it
    /// again changes nothing. The first purge runs after a random delay below
    /// <see cref="UploadPurgeOptions.MaxFirstRunDelay"/>.
    /// </summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    /// <summary>Runs one purge now with the configured age and dry-run setting, and returns its counts.</summary>
    [Alias("Purge")]
    Task<UploadPurgeResult> PurgeAsync();
}

/// <summary>
/// The counts of one purge: the sessions found, those older than the age limit, those deleted
/// (none in a dry run) and the sessions or directories that could not be read or deleted.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UploadPurgeResult(
    [property: Id(0)] int Sessions,
    [property: Id(1)] int Expired,
    [property: Id(2)] int Deleted,
    [property: Id(3)] int Errors,
    [property: Id(4)] bool DryRun);
