using System.Runtime.InteropServices;

namespace Registry.Storage.Drivers.FileSystem;

/// <summary>
/// Flushing of a directory's entries to disk, so that a file renamed into it survives a power loss.
/// .NET cannot open a directory as a file, so this calls the C library directly.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int InvalidArgument = 22;

    /// <summary>Fsyncs <paramref name="directory"/> on Linux and macOS.</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced.</exception>
    public static void Flush(string directory)
    {
        // NOTE: on Windows this does nothing, so a rename there is durable only once the OS flushes it.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(directory, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Failed to open directory {directory} to fsync it: errno {Marshal.GetLastPInvokeError()}.");
        }

        try
        {
            // EINVAL means the filesystem cannot sync a directory, so there is nothing more to flush.
            if (Fsync(descriptor) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error != InvalidArgument)
                {
                    throw new IOException($"Failed to fsync directory {directory}: errno {error}.");
                }
            }
        }
        finally
        {
            Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
