using System.Runtime.CompilerServices;
using Amazon.S3.Model;

namespace Registry.Storage.Drivers.S3;

public sealed partial class S3Driver
{
    public async Task<IReadOnlyList<string>> ListAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        var prefix = _keys.DirectoryPrefix(path);
        var children = new List<string>();
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = prefix, Delimiter = "/", MaxKeys = _options.ListPageSize };
        do
        {
            var response = await CallAsync("ListObjectsV2", path, () => _client.ListObjectsV2Async(request, cancellationToken), cancellationToken);
            foreach (var item in response.S3Objects ?? [])
            {
                // A key equal to the prefix is a directory marker that another tool wrote, not a child.
                if (item.Key.Length > prefix.Length)
                {
                    children.Add(_keys.PathOf(item.Key));
                }
            }

            foreach (var commonPrefix in response.CommonPrefixes ?? [])
            {
                children.Add(_keys.PathOf(commonPrefix.TrimEnd('/')));
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));

        // The root is a directory even in an empty bucket, as in distribution.
        if (children.Count == 0 && path != "/")
        {
            throw new PathNotFoundException(Name, path);
        }

        children.Sort(StringComparer.Ordinal);
        return children;
    }

    /// <summary>Walks the tree with one flat listing, a page of up to 1000 keys per request.</summary>
    public async IAsyncEnumerable<StorageFileInfo> WalkAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        var prefix = _keys.DirectoryPrefix(path);
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = prefix, MaxKeys = _options.ListPageSize };
        var found = false;
        do
        {
            var response = await CallAsync("ListObjectsV2", path, () => _client.ListObjectsV2Async(request, cancellationToken), cancellationToken);
            foreach (var item in response.S3Objects ?? [])
            {
                if (item.Key.Length == prefix.Length || item.Key.EndsWith('/'))
                {
                    continue;
                }

                found = true;
                yield return new StorageFileInfo(_keys.PathOf(item.Key), item.Size ?? 0, ToOffset(item.LastModified), IsDirectory: false);
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));

        // Nothing was yielded, so this still comes before the first item.
        if (!found && path != "/")
        {
            throw new PathNotFoundException(Name, path);
        }
    }
}
