using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Registry.EndToEndTests.Infrastructure.ObjectStores;

/// <summary>A test's root directory in a bucket of Swift's s3api, addressed path-style in region us-east-1.</summary>
public sealed class S3Store : ObjectStore
{
    private const string Region = "us-east-1";

    private readonly string _endpoint;
    private readonly string _accessKey;
    private readonly string _secretKey;
    private readonly AmazonS3Client _client;

    public S3Store(string endpoint, string accessKey, string secretKey)
        : base(StoreBackend.S3OnSwift)
    {
        _endpoint = endpoint;
        _accessKey = accessKey;
        _secretKey = secretKey;
        _client = new AmazonS3Client(
            new BasicAWSCredentials(accessKey, secretKey),
            new AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = Region });
    }

    public string Bucket => SharedBucket;

    public override string DriverYaml => $"""
        s3:
          accesskey: {Yaml.Quote(_accessKey)}
          secretkey: {Yaml.Quote(_secretKey)}
          region: {Region}
          regionendpoint: {_endpoint}
          forcepathstyle: true
          secure: false
          bucket: {Bucket}
          rootdirectory: /{RootDirectory}
        """;

    public override string? RedirectUrlPrefix => $"{_endpoint}/{Bucket}/{RootDirectory}/";

    public override async Task CreateBucketAsync()
    {
        try
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists" || e.StatusCode == HttpStatusCode.Conflict)
        {
            // Another test created it first.
        }
    }

    public override async Task<IReadOnlyList<string>> ListKeysAsync()
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = $"{RootDirectory}/" };
        while (true)
        {
            var response = await _client.ListObjectsV2Async(request);
            keys.AddRange((response.S3Objects ?? []).Select(item => item.Key));
            if (response.IsTruncated != true)
            {
                break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>Deletes the keys and aborts the multipart uploads left under the root directory.</summary>
    public override async Task<int> DeleteAllAsync()
    {
        var count = await base.DeleteAllAsync();
        var uploads = await _client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = $"{RootDirectory}/" });
        foreach (var upload in uploads.MultipartUploads ?? [])
        {
            await _client.AbortMultipartUploadAsync(Bucket, upload.Key, upload.UploadId);
            count++;
        }

        return count;
    }

    protected override Task DeleteKeyAsync(string key) => _client.DeleteObjectAsync(Bucket, key);

    public override ValueTask DisposeAsync()
    {
        _client.Dispose();
        return base.DisposeAsync();
    }
}
