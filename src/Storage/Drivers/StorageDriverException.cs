namespace Registry.Storage.Drivers;

/// <summary>A failure of a storage driver on one path.</summary>
public class StorageDriverException : Exception
{
    public StorageDriverException(string driverName, string path, string message, Exception? innerException = null)
        : base($"{driverName}: {message}: {path}", innerException)
    {
        DriverName = driverName;
        Path = path;
    }

    public string DriverName { get; }

    public string Path { get; }
}

/// <summary>The path does not exist.</summary>
public sealed class PathNotFoundException(string driverName, string path)
    : StorageDriverException(driverName, path, "path not found");

/// <summary>The path is not one the layout allows (relative, with <c>..</c>, or with a forbidden character).</summary>
public sealed class InvalidPathException(string driverName, string path)
    : StorageDriverException(driverName, path, "invalid path");

/// <summary>An offset lies past the end of the stored file.</summary>
public sealed class InvalidOffsetException(string driverName, string path, long offset)
    : StorageDriverException(driverName, path, $"invalid offset {offset}")
{
    public long Offset { get; } = offset;
}
