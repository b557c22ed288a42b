namespace Registry.Storage.Drivers.FileSystem;

/// <summary>Settings of the <c>filesystem</c> driver (<c>storage.filesystem</c> in <c>config.yml</c>).</summary>
public sealed class FileSystemDriverOptions
{
    /// <summary>
    /// Directory that contains the whole tree, set by <c>storage.filesystem.rootdirectory</c>. The driver
    /// path <c>/a/b</c> is the file <c>&lt;RootDirectory&gt;/a/b</c>. Default <c>/var/lib/registry</c>, as in distribution.
    /// </summary>
    public string RootDirectory { get; set; } = "/var/lib/registry";
}
