using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Registry.Storage.Drivers.FileSystem;

/// <summary>
/// Starts the kernel's writeback of a file region without waiting for it (Linux
/// <c>sync_file_range</c> with <c>SYNC_FILE_RANGE_WRITE</c>). A writer that requests it every few
/// MiB keeps its dirty pages flowing to disk while the body still arrives, so the fsync at commit
/// has only the last few MiB left to wait for, instead of the whole file.
/// </summary>
/// <remarks>
/// Only a hint: it makes nothing durable, and the commit's fsync remains the durability point.
/// </remarks>
internal static partial class Writeback
{
    /// <summary>Bytes written between two writeback requests.</summary>
    public const long IntervalBytes = 8 * 1024 * 1024;

    private const uint SyncFileRangeWrite = 2;

    /// <summary>
    /// Requests that the kernel start writing <paramref name="length"/> bytes at
    /// <paramref name="offset"/> to disk. Returns false on another OS or when the filesystem rejects
    /// the call, and the caller then stops requesting.
    /// </summary>
    public static bool Start(SafeFileHandle file, long offset, long length)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        return SyncFileRange(file, offset, length, SyncFileRangeWrite) == 0;
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(SafeFileHandle file, long offset, long length, uint flags);
}
