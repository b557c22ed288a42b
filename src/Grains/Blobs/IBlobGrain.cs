namespace Registry.Grains.Blobs;

/// <summary>
/// One blob of the global blob store, keyed by its digest string. It is the only component that
/// decides whether the blob exists, so that deletion, when garbage collection adds it, runs one call
/// at a time with every new reference to the blob.
/// </summary>
public interface IBlobGrain : IGrainWithStringKey
{
    /// <summary>Returns the blob's size, or <c>null</c> when it does not exist.</summary>
    [Alias("Stat")]
    Task<long?> StatAsync();

    /// <summary>
    /// Records a reference to the blob (a manifest, a mount or a push's existence check) and returns
    /// its size, or <c>null</c> when it does not exist and the caller must upload it.
    /// </summary>
    [Alias("Reference")]
    Task<long?> ReferenceAsync();

    /// <summary>
    /// Takes a verified upload at <paramref name="sourcePath"/>: moves it into place, or deletes it
    /// when the blob already exists. Returns the blob's size.
    /// </summary>
    [Alias("Commit")]
    Task<long> CommitAsync(string sourcePath, long size);

    /// <summary>Stores small content (a manifest) under the digest unless it is already there.</summary>
    [Alias("StoreContent")]
    Task StoreContentAsync(byte[] content);
}
