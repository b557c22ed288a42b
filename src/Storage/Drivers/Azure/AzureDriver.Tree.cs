using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs.Models;

namespace Registry.Storage.Drivers.Azure;

// Operations on directories and on several blobs: listing, walking, deleting and moving.
public sealed partial class AzureDriver
{
    // Deletes in flight at once while a tree is deleted; the service has no batch delete without Azure.Storage.Blobs.Batch.
    private const int DeleteConcurrency = 16;

    public async Task<IReadOnlyList<string>> ListAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(DriverName, path);
        await EnsureContainerAsync(cancellationToken);

        var children = new List<string>();
        try
        {
            var options = new GetBlobsByHierarchyOptions { Delimiter = "/", Prefix = DirectoryPrefix(path) };
            await foreach (var item in Container.GetBlobsByHierarchyAsync(options, cancellationToken))
            {
                var name = item.IsPrefix ? item.Prefix.TrimEnd('/') : item.Blob.Name;
                children.Add(PathOf(name));
            }
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_clients, path, exception);
        }

        if (children.Count == 0 && path != "/")
        {
            throw new PathNotFoundException(DriverName, path);
        }

        children.Sort(StringComparer.Ordinal);
        return children;
    }

    public async IAsyncEnumerable<StorageFileInfo> WalkAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(DriverName, path);
        await EnsureContainerAsync(cancellationToken);

        var found = false;
        var options = new GetBlobsOptions { Prefix = DirectoryPrefix(path) };
        await using var pages = Container.GetBlobsAsync(options, cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        while (await NextPageAsync(pages, path))
        {
            foreach (var blob in pages.Current.Values)
            {
                found = true;
                yield return new StorageFileInfo(
                    PathOf(blob.Name), blob.Properties.ContentLength ?? 0, blob.Properties.LastModified ?? DateTimeOffset.MinValue, IsDirectory: false);
            }
        }

        if (!found)
        {
            throw new PathNotFoundException(DriverName, path);
        }
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(DriverName, path);
        await EnsureContainerAsync(cancellationToken);

        var deleted = 0;
        try
        {
            if (path != "/" && await DeleteBlobAsync(BlobName(path), cancellationToken))
            {
                deleted++;
            }

            // Deleting while paging is safe: each page continues after the last name returned.
            var options = new GetBlobsOptions { Prefix = DirectoryPrefix(path) };
            await foreach (var page in Container.GetBlobsAsync(options, cancellationToken).AsPages())
            {
                await Parallel.ForEachAsync(
                    page.Values,
                    new ParallelOptions { MaxDegreeOfParallelism = DeleteConcurrency, CancellationToken = cancellationToken },
                    async (blob, token) =>
                    {
                        if (await DeleteBlobAsync(blob.Name, token))
                        {
                            Interlocked.Increment(ref deleted);
                        }
                    });
            }
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_clients, path, exception);
        }

        if (deleted == 0)
        {
            throw new PathNotFoundException(DriverName, path);
        }
    }

    /// <summary>
    /// Copies the source blob on the service side, waits for the copy as <c>copy_status_poll_max_retry</c>
    /// and <c>copy_status_poll_delay</c> allow, then deletes the source.
    /// </summary>
    public async Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken = default)
    {
        var source = await BlobAsync(sourcePath, cancellationToken);
        var destination = await BlobAsync(destinationPath, cancellationToken);

        // A signed source URL authorizes the copy under every credential type, as distribution does.
        var sourceUri = await _signer.SignReadAsync(source, CopySourceValidity, cancellationToken) ?? source.Uri;
        CopyFromUriOperation copy;
        try
        {
            copy = await destination.StartCopyFromUriAsync(sourceUri, new BlobCopyFromUriOptions(), cancellationToken);
        }
        catch (RequestFailedException exception) when (AzureErrors.IsNotFound(exception))
        {
            throw new PathNotFoundException(DriverName, sourcePath);
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_clients, destinationPath, exception);
        }

        await WaitForCopyAsync(destination, copy, destinationPath, cancellationToken);
        try
        {
            await DeleteBlobAsync(source.Name, cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_clients, sourcePath, exception);
        }
    }

    internal async Task<BlobItem?> FirstBlobUnderAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var options = new GetBlobsOptions { Prefix = DirectoryPrefix(path) };
            await foreach (var page in Container.GetBlobsAsync(options, cancellationToken).AsPages(pageSizeHint: 1))
            {
                if (page.Values.Count > 0)
                {
                    return page.Values[0];
                }
            }

            return null;
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_clients, path, exception);
        }
    }

    /// <summary>Deletes one blob with its snapshots; returns false when it was already gone.</summary>
    private async Task<bool> DeleteBlobAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            await Container.GetBlobClient(blobName).DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (AzureErrors.IsNotFound(exception))
        {
            AzureLog.BlobAlreadyDeleted(_logger, blobName, exception.Status);
            return false;
        }
    }

    private async Task<bool> NextPageAsync(IAsyncEnumerator<Page<BlobItem>> pages, string path)
    {
        try
        {
            return await pages.MoveNextAsync();
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_clients, path, exception);
        }
    }
}
