using System.Runtime.CompilerServices;

namespace Registry.Storage.Drivers;

/// <summary>A walk built from <see cref="IStorageDriver.ListAsync"/> and <see cref="IStorageDriver.StatAsync"/>, for drivers with real directories.</summary>
public static class StorageWalk
{
    /// <summary>Walks the tree below <paramref name="path"/> one directory listing at a time.</summary>
    public static async IAsyncEnumerable<StorageFileInfo> ByListingAsync(
        IStorageDriver driver, string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pending = new Stack<IReadOnlyList<string>>();
        pending.Push(await driver.ListAsync(path, cancellationToken));
        while (pending.TryPop(out var children))
        {
            foreach (var child in children)
            {
                StorageFileInfo info;
                try
                {
                    info = await driver.StatAsync(child, cancellationToken);
                }
                catch (PathNotFoundException)
                {
                    // Deleted since the listing.
                    continue;
                }

                if (!info.IsDirectory)
                {
                    yield return info;
                    continue;
                }

                try
                {
                    pending.Push(await driver.ListAsync(child, cancellationToken));
                }
                catch (PathNotFoundException)
                {
                }
            }
        }
    }
}
