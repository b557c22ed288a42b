namespace Registry.Storage.Drivers;

/// <summary>The size and kind of one stored path. Size is 0 for a directory.</summary>
public sealed record StorageFileInfo(string Path, long Size, DateTimeOffset ModifiedAt, bool IsDirectory);
