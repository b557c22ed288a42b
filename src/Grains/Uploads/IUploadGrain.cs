using Registry.Storage.Layout;

namespace Registry.Grains.Uploads;

/// <summary>
/// One upload session, keyed by <see cref="UploadKey"/>. Bytes are written by the gateway under a
/// single-writer lease; the grain keeps the committed offset and the hash state after it.
/// </summary>
public interface IUploadGrain : IGrainWithStringKey
{
    /// <summary>Creates the session in storage.</summary>
    [Alias("Start")]
    Task<UploadStatus> StartAsync();

    /// <summary>Returns the session's status; throws <c>BLOB_UPLOAD_UNKNOWN</c> when it does not exist.</summary>
    [Alias("GetStatus")]
    Task<UploadStatus> GetStatusAsync();

    /// <summary>
    /// Takes the single-writer lease. When <paramref name="expectedOffset"/> is given it must equal the
    /// committed offset, or the call fails with <c>RANGE_INVALID</c>.
    /// </summary>
    [Alias("BeginWrite")]
    Task<UploadLease> BeginWriteAsync(long? expectedOffset);

    /// <summary>Keeps a lease alive during a long write.</summary>
    [Alias("RenewLease")]
    Task RenewLeaseAsync(Guid leaseId);

    /// <summary>
    /// Records that the lease holder committed the data file up to <paramref name="offset"/>, with
    /// <paramref name="hashState"/> covering exactly those bytes, and releases the lease. When the
    /// session was cancelled or completed meanwhile, deletes what the write left in its directory.
    /// </summary>
    [Alias("EndWrite")]
    Task<UploadStatus> EndWriteAsync(Guid leaseId, long offset, byte[] hashState);

    /// <summary>
    /// Releases a lease without recording anything (the write failed before any byte was committed).
    /// When the session was cancelled or completed meanwhile, deletes what the write left in its directory.
    /// </summary>
    [Alias("AbortWrite")]
    Task AbortWriteAsync(Guid leaseId);

    /// <summary>
    /// Verifies the uploaded bytes against <paramref name="expected"/>, hands them to the blob store,
    /// links the blob into the repository and ends the session. Returns the blob's size.
    /// </summary>
    [Alias("Complete")]
    Task<long> CompleteAsync(Digest expected);

    /// <summary>Ends the session and deletes its data.</summary>
    [Alias("Cancel")]
    Task CancelAsync();
}

/// <summary>The state of a session as a client sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record UploadStatus([property: Id(0)] string UploadId, [property: Id(1)] long Offset, [property: Id(2)] DateTimeOffset StartedAt);

/// <summary>A single-writer lease: where to append and the hash state to continue from.</summary>
[GenerateSerializer, Immutable]
public sealed record UploadLease(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] string DataPath,
    [property: Id(2)] long Offset,
    [property: Id(3)] byte[] HashState);
