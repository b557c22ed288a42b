using Amazon.S3;
using Amazon.S3.Model;

namespace Registry.Storage.Drivers.S3;

public sealed partial class S3Driver
{
    /// <summary>Most keys that one DeleteObjects request accepts.</summary>
    private const int DeleteBatchSize = 1000;

    /// <summary>
    /// Deletes the key of <paramref name="path"/> and every key below it, a page of listing and one
    /// DeleteObjects request per 1000 keys at a time, then aborts the pending multipart uploads of
    /// those keys so that no parts stay stored.
    /// </summary>
    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        var deletedKeys = await DeleteKeysAsync(path, cancellationToken);
        var abortedUploads = await AbortUploadsAsync(path, cancellationToken);
        if (deletedKeys == 0 && abortedUploads == 0)
        {
            throw new PathNotFoundException(Name, path);
        }
    }

    /// <summary>Returns whether <paramref name="key"/> is the key of <paramref name="path"/> or lies below it.</summary>
    private bool IsInTree(string path, string key)
    {
        var prefix = _keys.DirectoryPrefix(path);
        return key.StartsWith(prefix, StringComparison.Ordinal) || (path != "/" && key == _keys.KeyOf(path));
    }

    // Set once the service rejects ListMultipartUploads as not implemented (s3rver 3.7).
    private volatile bool _uploadListingUnsupported;

    private async Task<int> DeleteKeysAsync(string path, CancellationToken cancellationToken)
    {
        // One listing with the file's key as the prefix finds the file and its tree, and also keys
        // such as "a-b" beside "a", which the filter leaves out.
        var listPrefix = path == "/" ? _keys.DirectoryPrefix(path) : _keys.KeyOf(path);
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = listPrefix, MaxKeys = Math.Min(_options.ListPageSize, DeleteBatchSize) };
        var deleted = 0;
        do
        {
            var response = await CallAsync("ListObjectsV2", path, () => _client.ListObjectsV2Async(request, cancellationToken), cancellationToken);
            var keys = (response.S3Objects ?? []).Select(item => item.Key).Where(key => IsInTree(path, key)).ToList();
            if (keys.Count > 0)
            {
                await DeleteBatchAsync(path, keys, cancellationToken);
                deleted += keys.Count;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));

        return deleted;
    }

    private async Task DeleteBatchAsync(string path, List<string> keys, CancellationToken cancellationToken)
    {
        var request = new DeleteObjectsRequest
        {
            BucketName = _options.Bucket,
            Objects = keys.Select(key => new KeyVersion { Key = key }).ToList(),
            Quiet = true,
        };
        var response = await CallAsync("DeleteObjects", path, () => _client.DeleteObjectsAsync(request, cancellationToken), cancellationToken);
        var errors = (response.DeleteErrors ?? []).Where(error => error.Code != "NoSuchKey").ToList();
        foreach (var error in errors)
        {
            S3DriverLog.KeyNotDeleted(_logger, path, error.Key, error.Code);
        }

        if (errors.Count > 0)
        {
            throw new StorageDriverException(Name, path,
                $"S3 DeleteObjects on bucket {_options.Bucket} at {_endpoint} failed for {errors.Count} keys, the first {errors[0].Key}: {errors[0].Code}");
        }
    }

    private async Task<int> AbortUploadsAsync(string path, CancellationToken cancellationToken)
    {
        var uploads = await ListUploadsAsync(path, path == "/" ? _keys.DirectoryPrefix(path) : _keys.KeyOf(path), cancellationToken);
        var aborted = 0;
        foreach (var upload in uploads.Where(upload => IsInTree(path, upload.Key)))
        {
            await AbortUploadAsync(path, upload.Key, upload.UploadId, cancellationToken);
            aborted++;
        }

        return aborted;
    }

    /// <summary>
    /// Lists the pending multipart uploads of keys that start with <paramref name="prefix"/>, or
    /// none when the service does not implement the listing (s3rver 3.7 returns 501 NotImplemented).
    /// </summary>
    internal async Task<List<MultipartUpload>> ListUploadsAsync(string path, string prefix, CancellationToken cancellationToken)
    {
        var uploads = new List<MultipartUpload>();
        var request = new ListMultipartUploadsRequest { BucketName = _options.Bucket, Prefix = prefix };
        while (!_uploadListingUnsupported)
        {
            var response = await CallAsync("ListMultipartUploads", path, async () =>
            {
                try
                {
                    return await _client.ListMultipartUploadsAsync(request, cancellationToken);
                }
                catch (AmazonS3Exception exception) when (exception.ErrorCode == "NotImplemented")
                {
                    // Logged once: the driver stops asking.
                    _uploadListingUnsupported = true;
                    S3DriverLog.UploadListingUnsupported(_logger, path, exception.ErrorCode);
                    return null;
                }
            }, cancellationToken);
            if (response is null)
            {
                break;
            }

            uploads.AddRange(response.MultipartUploads ?? []);
            if (response.IsTruncated != true)
            {
                return uploads;
            }

            request.KeyMarker = response.NextKeyMarker;
            request.UploadIdMarker = response.NextUploadIdMarker;
        }

        return uploads;
    }

    internal async Task AbortUploadAsync(string path, string key, string uploadId, CancellationToken cancellationToken)
    {
        var request = new AbortMultipartUploadRequest { BucketName = _options.Bucket, Key = key, UploadId = uploadId };
        await CallAsync("AbortMultipartUpload", path, async () =>
        {
            try
            {
                await _client.AbortMultipartUploadAsync(request, cancellationToken);
                S3DriverLog.UploadAborted(_logger, key, uploadId);
            }
            catch (AmazonS3Exception exception) when (exception.ErrorCode == "NoSuchUpload")
            {
                S3DriverLog.UploadAlreadyGone(_logger, key, uploadId);
            }
        }, cancellationToken);
    }
}
