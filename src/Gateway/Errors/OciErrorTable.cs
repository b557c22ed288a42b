using Registry.Grains.Errors;

namespace Registry.Gateway.Errors;

/// <summary>
/// The wire code and HTTP status of every error the registry returns, from the OCI distribution
/// specification's error code table (and distribution's additions for ranges, tags and paging).
/// </summary>
internal static class OciErrorTable
{
    private static readonly Dictionary<RegistryErrorCode, (string Code, int Status)> Entries = new()
    {
        [RegistryErrorCode.Unknown] = ("UNKNOWN", StatusCodes.Status500InternalServerError),
        [RegistryErrorCode.BlobUnknown] = ("BLOB_UNKNOWN", StatusCodes.Status404NotFound),
        [RegistryErrorCode.BlobUploadInvalid] = ("BLOB_UPLOAD_INVALID", StatusCodes.Status400BadRequest),
        [RegistryErrorCode.BlobUploadUnknown] = ("BLOB_UPLOAD_UNKNOWN", StatusCodes.Status404NotFound),
        [RegistryErrorCode.DigestInvalid] = ("DIGEST_INVALID", StatusCodes.Status400BadRequest),
        [RegistryErrorCode.ManifestBlobUnknown] = ("MANIFEST_BLOB_UNKNOWN", StatusCodes.Status400BadRequest),
        [RegistryErrorCode.ManifestInvalid] = ("MANIFEST_INVALID", StatusCodes.Status400BadRequest),
        [RegistryErrorCode.ManifestUnknown] = ("MANIFEST_UNKNOWN", StatusCodes.Status404NotFound),
        [RegistryErrorCode.ManifestTooLarge] = ("MANIFEST_INVALID", StatusCodes.Status413PayloadTooLarge),
        [RegistryErrorCode.NameInvalid] = ("NAME_INVALID", StatusCodes.Status400BadRequest),
        [RegistryErrorCode.NameUnknown] = ("NAME_UNKNOWN", StatusCodes.Status404NotFound),
        [RegistryErrorCode.SizeInvalid] = ("SIZE_INVALID", StatusCodes.Status400BadRequest),
        [RegistryErrorCode.TagInvalid] = ("TAG_INVALID", StatusCodes.Status400BadRequest),
        [RegistryErrorCode.RangeInvalid] = ("RANGE_INVALID", StatusCodes.Status416RangeNotSatisfiable),
        [RegistryErrorCode.PaginationNumberInvalid] = ("PAGINATION_NUMBER_INVALID", StatusCodes.Status400BadRequest),
        [RegistryErrorCode.Unauthorized] = ("UNAUTHORIZED", StatusCodes.Status401Unauthorized),
        [RegistryErrorCode.Denied] = ("DENIED", StatusCodes.Status403Forbidden),
        [RegistryErrorCode.Unsupported] = ("UNSUPPORTED", StatusCodes.Status405MethodNotAllowed),
        [RegistryErrorCode.TooManyRequests] = ("TOOMANYREQUESTS", StatusCodes.Status429TooManyRequests),
        [RegistryErrorCode.RouteUnknown] = ("UNSUPPORTED", StatusCodes.Status404NotFound),
    };

    public static (string Code, int Status) Lookup(RegistryErrorCode code) =>
        Entries.TryGetValue(code, out var entry) ? entry : Entries[RegistryErrorCode.Unknown];
}
