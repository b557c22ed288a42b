using Amazon.S3.Model;

namespace Registry.Storage.Drivers.S3;

public sealed partial class S3Driver
{
    /// <summary>
    /// Moves a file: a copy done by the service, then a delete of the source. An object up to
    /// <see cref="S3DriverOptions.MultipartCopyThresholdSize"/> is copied with one CopyObject, a
    /// larger one with a multipart upload of UploadPartCopy ranges, so the target appears whole.
    /// </summary>
    public async Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, sourcePath);
        StoragePath.Validate(Name, destinationPath);
        var source = await StatFileAsync(sourcePath, cancellationToken);
        if (sourcePath == destinationPath)
        {
            // A copy onto itself followed by the delete of the source would lose the file.
            return;
        }

        var sourceKey = _keys.KeyOf(sourcePath);
        var destinationKey = _keys.KeyOf(destinationPath);

        if (source.Size <= _options.MultipartCopyThresholdSize)
        {
            var request = new CopyObjectRequest
            {
                SourceBucket = _options.Bucket,
                SourceKey = sourceKey,
                DestinationBucket = _options.Bucket,
                DestinationKey = destinationKey,
                ContentType = ContentType,
                MetadataDirective = Amazon.S3.S3MetadataDirective.REPLACE,
            };
            ApplyObjectSettings(request);
            await CallAsync("CopyObject", sourcePath, () => _client.CopyObjectAsync(request, cancellationToken), cancellationToken);
        }
        else
        {
            await MultipartCopyAsync(sourcePath, sourceKey, destinationKey, source.Size, cancellationToken);
        }

        var delete = new DeleteObjectRequest { BucketName = _options.Bucket, Key = sourceKey };
        await CallAsync("DeleteObject", sourcePath, () => _client.DeleteObjectAsync(delete, cancellationToken), cancellationToken);
    }

    private async Task MultipartCopyAsync(string path, string sourceKey, string destinationKey, long size, CancellationToken cancellationToken)
    {
        var uploadId = await CreateUploadAsync(path, destinationKey, cancellationToken);
        try
        {
            var parts = await CopyPartsAsync(path, sourceKey, destinationKey, uploadId, size, firstPartNumber: 1, cancellationToken);
            await CompleteUploadAsync(path, destinationKey, uploadId, parts, cancellationToken);
        }
        catch (Exception exception) when (exception is StorageDriverException or OperationCanceledException)
        {
            await AbortUploadAsync(path, destinationKey, uploadId, CancellationToken.None);
            throw;
        }
    }

    internal async Task<string> CreateUploadAsync(string path, string key, CancellationToken cancellationToken)
    {
        var request = new InitiateMultipartUploadRequest { BucketName = _options.Bucket, Key = key };
        ApplyObjectSettings(request);
        var response = await CallAsync("CreateMultipartUpload", path, () => _client.InitiateMultipartUploadAsync(request, cancellationToken), cancellationToken);
        return response.UploadId;
    }

    internal async Task CompleteUploadAsync(string path, string key, string uploadId, IReadOnlyList<PartETag> parts, CancellationToken cancellationToken)
    {
        var request = new CompleteMultipartUploadRequest
        {
            BucketName = _options.Bucket,
            Key = key,
            UploadId = uploadId,
            PartETags = parts.OrderBy(part => part.PartNumber).ToList(),
        };
        await CallAsync("CompleteMultipartUpload", path, () => _client.CompleteMultipartUploadAsync(request, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Copies bytes [0, <paramref name="length"/>) of <paramref name="sourceKey"/> into parts of an
    /// upload, numbered from <paramref name="firstPartNumber"/>, with at most
    /// <see cref="S3DriverOptions.MultipartCopyMaxConcurrency"/> requests in flight.
    /// </summary>
    internal async Task<List<PartETag>> CopyPartsAsync(
        string path, string sourceKey, string destinationKey, string uploadId, long length, int firstPartNumber, CancellationToken cancellationToken)
    {
        var ranges = CopyRanges(length, _options.MultipartCopyChunkSize);
        var parts = new PartETag[ranges.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MultipartCopyMaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, ranges.Count), parallel, async (index, token) =>
        {
            var (first, last) = ranges[index];
            var request = new CopyPartRequest
            {
                SourceBucket = _options.Bucket,
                SourceKey = sourceKey,
                DestinationBucket = _options.Bucket,
                DestinationKey = destinationKey,
                UploadId = uploadId,
                PartNumber = firstPartNumber + index,
                FirstByte = first,
                LastByte = last,
            };
            var response = await CallAsync("UploadPartCopy", path, () => _client.CopyPartAsync(request, token), token);
            parts[index] = new PartETag(firstPartNumber + index, response.ETag);
        });
        return [.. parts];
    }

    /// <summary>
    /// Splits [0, <paramref name="length"/>) into inclusive byte ranges of <paramref name="chunkSize"/>.
    /// A short last range is merged into the one before it, because S3 rejects a part under 5 MiB
    /// anywhere but last and the copied parts may be followed by more.
    /// </summary>
    internal static List<(long First, long Last)> CopyRanges(long length, long chunkSize)
    {
        var ranges = new List<(long First, long Last)>();
        for (long start = 0; start < length; start += chunkSize)
        {
            ranges.Add((start, Math.Min(start + chunkSize, length) - 1));
        }

        if (ranges.Count > 1 && ranges[^1].Last - ranges[^1].First + 1 < S3DriverOptions.MinPartSize)
        {
            var merged = (ranges[^2].First, ranges[^1].Last);
            ranges.RemoveAt(ranges.Count - 1);
            if (merged.Last - merged.First + 1 <= S3DriverOptions.MaxPartSize)
            {
                ranges[^1] = merged;
            }
            else
            {
                // Too large to merge: give the last range exactly 5 MiB, taken from the one before it.
                var split = merged.Last + 1 - S3DriverOptions.MinPartSize;
                ranges[^1] = (merged.First, split - 1);
                ranges.Add((split, merged.Last));
            }
        }

        return ranges;
    }
}
