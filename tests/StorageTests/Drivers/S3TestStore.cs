using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Registry.Storage.Drivers.S3;

namespace Registry.StorageTests.Drivers;

/// <summary>A direct SDK view of a test bucket: creates it, and lists what a test left under its prefix.</summary>
internal sealed class S3TestStore(string endpoint, string accessKey, string secretKey, string region, string bucket, bool listsUploads)
{
    public string Bucket => bucket;

    public S3DriverOptions Options(string rootDirectory) => new()
    {
        RegionEndpoint = endpoint,
        AccessKey = accessKey,
        SecretKey = secretKey,
        Region = region,
        Bucket = bucket,
        ForcePathStyle = true,
        RootDirectory = rootDirectory,
        MaxAttempts = 2,
    };

    public AmazonS3Client CreateClient() => new(
        new BasicAWSCredentials(accessKey, secretKey),
        new AmazonS3Config
        {
            ServiceURL = endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 1,
        });

    /// <summary>Creates the bucket unless it exists; returns why the service cannot be used, or null.</summary>
    public async Task<string?> EnsureBucketAsync()
    {
        using var client = CreateClient();
        try
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            return null;
        }
        catch (HttpRequestException exception)
        {
            return $"the S3 service at {endpoint} cannot be reached ({exception.Message}); set REGISTRY_TEST_S3_ENDPOINT";
        }

        return null;
    }

    /// <summary>Lists the keys and the pending multipart uploads under <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyList<string>> RemainingAsync(string prefix)
    {
        using var client = CreateClient();
        var remaining = new List<string>();
        var listing = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        do
        {
            var response = await client.ListObjectsV2Async(listing);
            remaining.AddRange((response.S3Objects ?? []).Select(item => "key " + item.Key));
            listing.ContinuationToken = response.NextContinuationToken;
        }
        while (!string.IsNullOrEmpty(listing.ContinuationToken));

        if (listsUploads)
        {
            var uploads = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Prefix = prefix });
            remaining.AddRange((uploads.MultipartUploads ?? []).Select(upload => $"upload {upload.Key} {upload.UploadId}"));
        }

        return remaining;
    }
}
