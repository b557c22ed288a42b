namespace Registry.Grains.Errors;

/// <summary>
/// The error codes of the OCI distribution specification (and distribution's extensions) that the
/// registry returns. The gateway maps each to its wire code, message and HTTP status in one table.
/// </summary>
public enum RegistryErrorCode
{
    Unknown = 0,
    BlobUnknown,
    BlobUploadInvalid,
    BlobUploadUnknown,
    DigestInvalid,
    ManifestBlobUnknown,
    ManifestInvalid,
    ManifestUnknown,
    ManifestTooLarge,
    NameInvalid,
    NameUnknown,
    SizeInvalid,
    TagInvalid,
    RangeInvalid,
    PaginationNumberInvalid,
    Unauthorized,
    Denied,
    Unsupported,
    TooManyRequests,

    /// <summary>No endpoint of the API matches the request path.</summary>
    RouteUnknown,
}
