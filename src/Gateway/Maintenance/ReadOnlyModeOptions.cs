namespace Registry.Gateway.Maintenance;

/// <summary>Settings of read-only mode (<c>storage.maintenance.readonly</c>).</summary>
public sealed class ReadOnlyModeOptions
{
    /// <summary>
    /// <c>storage.maintenance.readonly.enabled</c>: whether every write to the API is rejected while
    /// reads go on, as during a garbage collection run; default false.
    /// </summary>
    public bool Enabled { get; set; }
}
