namespace Registry.Grains.Logging;

/// <summary>The event ids of every grain log message (range 2000–2999), in one table so they stay unique.</summary>
internal static class GrainEventIds
{
    public const int RepositoryLoaded = 2000;
    public const int ManifestStored = 2001;
    public const int ManifestDeleted = 2002;
    public const int TagDeleted = 2003;
    public const int BlobLinked = 2004;
    public const int BlobUnlinked = 2005;
    public const int LinkUnreadable = 2006;
    public const int ManifestUnreadable = 2007;

    public const int UploadStarted = 2100;
    public const int UploadCompleted = 2101;
    public const int UploadCancelled = 2102;
    public const int UploadDigestMismatch = 2103;
    public const int UploadLeaseExpired = 2104;
    public const int UploadRestored = 2105;

    public const int BlobCommitted = 2200;
    public const int BlobDeduplicated = 2201;

    public const int CatalogLoaded = 2300;

    public const int UploadPurgeScheduled = 2400;
    public const int UploadPurgeStarted = 2401;
    public const int UploadPurgeFinished = 2402;
    public const int UploadPurgeDeleted = 2403;
    public const int UploadPurgeWouldDelete = 2404;
    public const int UploadPurgeSessionUnreadable = 2405;
    public const int UploadPurgeDeleteFailed = 2406;
    public const int UploadPurgeFailed = 2407;
    public const int UploadPurgeDirectorySkipped = 2408;
    public const int UploadPurgeScheduleFailed = 2409;
}
