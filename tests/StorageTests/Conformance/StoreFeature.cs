namespace Registry.StorageTests.Conformance;

/// <summary>Features of a backend that some emulators lack; a test that needs one is skipped there.</summary>
public enum StoreFeature
{
    /// <summary>A copy of an object done by the store (S3 CopyObject, Swift COPY).</summary>
    ServerSideCopy,

    /// <summary>A copy of a large object in parts done by the store (S3 UploadPartCopy).</summary>
    MultipartCopy,

    /// <summary>A multipart upload that is listed, resumed or aborted later (S3 ListMultipartUploads, ListParts, Abort).</summary>
    ResumableMultipartUpload,

    /// <summary>A resumable upload sent in several chunks (the GCS JSON API).</summary>
    ChunkedResumableUpload,

    /// <summary>A listing with a delimiter that is right at every depth of prefixes.</summary>
    DeepDelimiterListing,

    /// <summary>A replacement of an object that readers see whole, even while other writes of it are under way.</summary>
    AtomicReplace,

    /// <summary>Object names with a segment of 255 characters, the longest that the layout allows on a disk.</summary>
    LongNames,

    /// <summary>A write that the store refuses when its precondition fails (If-None-Match, generation match).</summary>
    ConditionalWrite,
}
