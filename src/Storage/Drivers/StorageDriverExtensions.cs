namespace Registry.Storage.Drivers;

/// <summary>Operations built from the driver interface that several callers need.</summary>
public static class StorageDriverExtensions
{
    /// <summary>Deletes a file or tree; returns <c>false</c> when the path was already gone.</summary>
    public static async Task<bool> DeleteIfExistsAsync(this IStorageDriver driver, string path, CancellationToken cancellationToken = default)
    {
        try
        {
            await driver.DeleteAsync(path, cancellationToken);
            return true;
        }
        catch (PathNotFoundException)
        {
            return false;
        }
    }
}
