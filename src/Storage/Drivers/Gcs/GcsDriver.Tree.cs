using System.Runtime.CompilerServices;
using Google.Cloud.Storage.V1;
using GcsObject = Google.Apis.Storage.v1.Data.Object;
using GcsObjects = Google.Apis.Storage.v1.Data.Objects;

namespace Registry.Storage.Drivers.Gcs;

/// <summary>The operations on directories, which GCS has only as name prefixes.</summary>
public sealed partial class GcsDriver
{
    private const int PageSize = 1000;

    // Parallel single deletes, because the client library has no batch delete and the emulator
    // returns 501 for the JSON API's batch endpoint.
    private const int DeleteConcurrency = 16;

    public async Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        var key = Names.KeyOf(path);
        if (key.Length > 0)
        {
            try
            {
                var item = await GetObjectAsync(path, key, cancellationToken);
                if (item.ContentType != GcsMediaClient.UploadSessionContentType)
                {
                    return new StorageFileInfo(path, (long)(item.Size ?? 0), item.UpdatedDateTimeOffset ?? DateTimeOffset.UnixEpoch, IsDirectory: false);
                }
            }
            catch (PathNotFoundException)
            {
                // Not a file: it may still be a directory.
            }
        }

        var page = await ListPageAsync(path, Names.PrefixOf(path), delimiter: null, pageToken: null, maxResults: 1, cancellationToken);
        if (page.Items is not { Count: > 0 })
        {
            throw new PathNotFoundException(Name, path);
        }

        return new StorageFileInfo(path, 0, DateTimeOffset.UnixEpoch, IsDirectory: true);
    }

    public async Task<IReadOnlyList<string>> ListAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        var prefix = Names.PrefixOf(path);
        var children = new List<string>();
        var directories = new HashSet<string>(StringComparer.Ordinal);
        string? pageToken = null;
        do
        {
            var page = await ListPageAsync(path, prefix, "/", pageToken, PageSize, cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                if (IsFile(item) && item.Name != prefix)
                {
                    children.Add(Names.PathOf(item.Name));
                }
            }

            // A prefix can come back on several pages.
            foreach (var directory in page.Prefixes ?? [])
            {
                if (directories.Add(directory))
                {
                    children.Add(Names.PathOf(directory));
                }
            }

            pageToken = page.NextPageToken;
        }
        while (pageToken is not null);

        if (children.Count == 0 && path != "/")
        {
            // GCS has no directories: an empty listing is a missing one.
            throw new PathNotFoundException(Name, path);
        }

        children.Sort(StringComparer.Ordinal);
        return children;
    }

    public async IAsyncEnumerable<StorageFileInfo> WalkAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        var prefix = Names.PrefixOf(path);
        var found = false;
        string? pageToken = null;
        do
        {
            var page = await ListPageAsync(path, prefix, delimiter: null, pageToken, PageSize, cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                if (IsFile(item) && item.Name != prefix)
                {
                    found = true;
                    yield return new StorageFileInfo(
                        Names.PathOf(item.Name), (long)(item.Size ?? 0), item.UpdatedDateTimeOffset ?? DateTimeOffset.UnixEpoch, IsDirectory: false);
                }
            }

            pageToken = page.NextPageToken;
        }
        while (pageToken is not null);

        if (!found && path != "/")
        {
            throw new PathNotFoundException(Name, path);
        }
    }

    /// <summary>Copies the source with a server-side rewrite, which publishes the target whole, then deletes the source.</summary>
    public async Task MoveAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, sourcePath);
        StoragePath.Validate(Name, destinationPath);
        var source = Names.KeyOf(sourcePath);
        var destination = Names.KeyOf(destinationPath);
        if (source.Length == 0)
        {
            throw new PathNotFoundException(Name, sourcePath);
        }

        if (destination.Length == 0)
        {
            throw new InvalidPathException(Name, destinationPath);
        }

        await Retry.RunAsync(
            "copy", sourcePath, source,
            token => Storage.CopyObjectAsync(
                Options.Bucket, source, Options.Bucket, destination, new CopyObjectOptions { RetryOptions = RetryOptions.Never }, token),
            cancellationToken);
        if (source == destination)
        {
            return;
        }

        try
        {
            await DeleteObjectAsync(sourcePath, source, cancellationToken);
        }
        catch (StorageDriverException exception)
        {
            // The target is whole already, so the move has happened; the source goes with its directory.
            GcsDriverLog.SourceDeleteFailed(_logger, sourcePath, destinationPath, exception);
        }
    }

    /// <summary>
    /// Deletes the object of <paramref name="path"/>, its writers' temporary objects and every object
    /// whose name starts with <c>path/</c>. Raises <see cref="PathNotFoundException"/> when there is none.
    /// </summary>
    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        var names = new List<string>();
        var key = Names.KeyOf(path);
        if (path == "/")
        {
            await CollectAsync(path, Names.PrefixOf(path), names, cancellationToken);
        }
        else
        {
            // One listing with a delimiter finds the file, its temporary objects (key~...) and
            // whether the directory key/ exists. Only a directory needs a flat listing after it.
            var hasDirectory = false;
            string? pageToken = null;
            do
            {
                var page = await ListPageAsync(path, key, "/", pageToken, PageSize, cancellationToken);
                foreach (var item in page.Items ?? [])
                {
                    if (item.Name == key || item.Name.StartsWith(GcsObjectNames.TemporaryPrefixOf(key), StringComparison.Ordinal))
                    {
                        names.Add(item.Name);
                    }
                }

                hasDirectory |= page.Prefixes?.Contains(key + "/") == true;
                pageToken = page.NextPageToken;
            }
            while (pageToken is not null);

            if (hasDirectory)
            {
                await CollectAsync(path, key + "/", names, cancellationToken);
            }
        }

        if (names.Count == 0)
        {
            throw new PathNotFoundException(Name, path);
        }

        await Parallel.ForEachAsync(
            names,
            new ParallelOptions { MaxDegreeOfParallelism = DeleteConcurrency, CancellationToken = cancellationToken },
            async (name, token) => await DeleteObjectAsync(path, name, token));
    }

    /// <summary>Lists one page of object names under <paramref name="prefix"/>.</summary>
    internal Task<GcsObjects> ListPageAsync(
        string path, string prefix, string? delimiter, string? pageToken, int maxResults, CancellationToken cancellationToken) =>
        Retry.RunAsync("list", path, prefix, token =>
        {
            var request = Storage.Service.Objects.List(Options.Bucket);
            request.Prefix = prefix;
            request.Delimiter = delimiter;
            request.PageToken = pageToken;
            request.MaxResults = maxResults;
            return request.ExecuteAsync(token);
        }, cancellationToken);

    /// <summary>Adds the name of every object under <paramref name="prefix"/>, temporary ones included.</summary>
    private async Task CollectAsync(string path, string prefix, List<string> names, CancellationToken cancellationToken)
    {
        string? pageToken = null;
        do
        {
            var page = await ListPageAsync(path, prefix, delimiter: null, pageToken, PageSize, cancellationToken);
            names.AddRange((page.Items ?? []).Select(item => item.Name));
            pageToken = page.NextPageToken;
        }
        while (pageToken is not null);
    }

    /// <summary>Whether a listed object is a file: not a writer's temporary object, nor one of distribution's pending uploads.</summary>
    private static bool IsFile(GcsObject item) =>
        !GcsObjectNames.IsTemporary(item.Name) && item.ContentType != GcsMediaClient.UploadSessionContentType;
}
