using Amazon.S3.Model;

namespace Registry.Storage.Drivers.S3;

/// <summary>
/// Opens an <see cref="S3Writer"/> from what the bucket holds, so that a writer in any process
/// continues a file that another one wrote.
/// </summary>
/// <remarks>
/// Steps of an open at offset N &gt; 0:
/// <list type="number">
/// <item>HeadObject. An object of size N or more is the base. When N is at least 5 MiB, the writer
/// starts a new multipart upload whose first parts copy bytes [0, N) with UploadPartCopy. When N is
/// smaller, it reads those bytes back into its buffer, because only a last part may be under 5 MiB.
/// Nothing is sent until the writer has new bytes or truncates the object.</item>
/// <item>Otherwise a pending multipart upload of the key (the newest one): a writer killed before
/// it could complete leaves one. When its parts add up to N and all of them are 5 MiB or more, the
/// writer continues it. When they add up to more than N, or the last part is small, the upload is
/// completed and the writer continues from the object as in step 1.</item>
/// <item>Otherwise N lies past the stored size: <see cref="InvalidOffsetException"/>.</item>
/// </list>
/// NOTE: in step 1 a pending upload of the same key is left as it is; deleting the tree aborts it.
/// </remarks>
internal static class S3WriterOpening
{
    public static async Task<IStorageWriter> OpenAsync(S3Driver driver, string path, long offset, CancellationToken cancellationToken)
    {
        if (offset == 0)
        {
            return S3Writer.CreateNew(driver, path);
        }

        // Step 1: a completed object.
        var stored = await driver.TryStatFileAsync(path, cancellationToken);
        if (stored is not null && stored.Size >= offset)
        {
            return await ContinueObjectAsync(driver, path, offset, truncates: offset < stored.Size, cancellationToken);
        }

        // Step 2: a pending multipart upload.
        var key = driver.Keys.KeyOf(path);
        var upload = (await driver.ListUploadsAsync(path, key, cancellationToken))
            .Where(candidate => candidate.Key == key)
            .MaxBy(candidate => candidate.Initiated);
        if (upload is null)
        {
            throw new InvalidOffsetException(driver.Name, path, offset);
        }

        var parts = await ListPartsAsync(driver, path, key, upload.UploadId, cancellationToken);
        var uploadedSize = parts.Sum(part => part.Size ?? 0);
        if (uploadedSize < offset)
        {
            throw new InvalidOffsetException(driver.Name, path, offset);
        }

        if (uploadedSize == offset && parts.All(part => part.Size >= S3DriverOptions.MinPartSize))
        {
            S3DriverLog.UploadResumed(driver.Logger, path, upload.UploadId, parts.Count, uploadedSize);
            var etags = parts.Select(part => new PartETag(part.PartNumber ?? 0, part.ETag)).ToList();
            return S3Writer.ContinueUpload(driver, path, upload.UploadId, etags, uploadedSize);
        }

        await driver.CompleteUploadAsync(path, key, upload.UploadId,
            parts.Select(part => new PartETag(part.PartNumber ?? 0, part.ETag)).ToList(), cancellationToken);
        S3DriverLog.PendingUploadCompleted(driver.Logger, path, upload.UploadId);
        return await ContinueObjectAsync(driver, path, offset, truncates: offset < uploadedSize, cancellationToken);
    }

    private static async Task<S3Writer> ContinueObjectAsync(S3Driver driver, string path, long offset, bool truncates, CancellationToken cancellationToken)
    {
        if (offset >= S3DriverOptions.MinPartSize)
        {
            return S3Writer.ContinueByCopy(driver, path, offset, truncates);
        }

        // Small enough to read back: bytes [0, offset) become the start of the buffer.
        var request = new GetObjectRequest
        {
            BucketName = driver.Options.Bucket,
            Key = driver.Keys.KeyOf(path),
            ByteRange = new ByteRange(0, offset - 1),
        };
        var head = await driver.CallAsync("GetObject", path, async () =>
        {
            using var response = await driver.Client.GetObjectAsync(request, cancellationToken);
            var content = new byte[offset];
            await response.ResponseStream.ReadExactlyAsync(content, cancellationToken);
            return content;
        }, cancellationToken);
        return S3Writer.ContinueFromBytes(driver, path, head, truncates);
    }

    private static async Task<List<PartDetail>> ListPartsAsync(S3Driver driver, string path, string key, string uploadId, CancellationToken cancellationToken)
    {
        var parts = new List<PartDetail>();
        var request = new ListPartsRequest { BucketName = driver.Options.Bucket, Key = key, UploadId = uploadId };
        while (true)
        {
            var response = await driver.CallAsync("ListParts", path, () => driver.Client.ListPartsAsync(request, cancellationToken), cancellationToken);
            parts.AddRange(response.Parts ?? []);
            if (response.IsTruncated != true)
            {
                return [.. parts.OrderBy(part => part.PartNumber)];
            }

            request.PartNumberMarker = response.NextPartNumberMarker?.ToString();
        }
    }
}
