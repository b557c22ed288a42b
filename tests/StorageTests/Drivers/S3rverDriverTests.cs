using Registry.Storage.Drivers;
using Registry.Storage.Drivers.S3;
using Registry.StorageTests.Conformance;
using Registry.StorageTests.Services;

namespace Registry.StorageTests.Drivers;

/// <summary>The conformance suite against s3rver, a looser S3 emulator that checks no signature.</summary>
public sealed class S3rverDriverTests : StorageDriverConformanceTests
{
    private readonly string _prefix = TestServices.UniquePrefix("s3rver");
    private readonly S3TestStore _store = new(TestServices.S3rverEndpoint, "S3RVER", "S3RVER", "us-east-1", "registry-tests", listsUploads: false);
    private string? _unavailable;

    protected override bool FilesAndDirectoriesExclude => false;

    protected override IStorageDriver CreateDriver()
    {
        if (_unavailable is not null)
        {
            throw new TestServiceUnreachableException(_unavailable);
        }

        return new S3Driver(_store.Options(_prefix));
    }

    protected override string? GapOf(StoreFeature feature) => feature switch
    {
        StoreFeature.ServerSideCopy => "s3rver 3.7 does not implement CopyObject",
        StoreFeature.MultipartCopy => "s3rver 3.7 does not implement UploadPartCopy",
        StoreFeature.ResumableMultipartUpload => "s3rver 3.7 does not implement ListMultipartUploads, ListParts or AbortMultipartUpload",
        StoreFeature.AtomicReplace => "s3rver 3.7 lets a read see a mix of two concurrent PUTs of one key",
        StoreFeature.LongNames => "s3rver 3.7 stores each object in a file named after its key plus a suffix, and exits when that name passes 255 bytes",
        StoreFeature.DeepDelimiterListing => "s3rver 3.7 lists no common prefixes below the first level with a delimiter",
        _ => null,
    };

    public override async Task InitializeAsync() => _unavailable = await _store.EnsureBucketAsync();

    protected override Task<IReadOnlyList<string>> RemainingObjectsAsync() => _store.RemainingAsync(_prefix + "/");
}
