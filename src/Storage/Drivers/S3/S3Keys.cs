namespace Registry.Storage.Drivers.S3;

/// <summary>
/// The mapping between driver paths and object keys, the one distribution's s3-aws driver uses: the
/// key is the root directory without its leading and trailing slashes followed by the path, with
/// any leading slash removed. With no root directory, <c>/docker/registry/v2/x</c> is the key
/// <c>docker/registry/v2/x</c>; with root <c>/registry/</c>, it is <c>registry/docker/registry/v2/x</c>.
/// </summary>
internal sealed class S3Keys(string rootDirectory)
{
    private readonly string _root = rootDirectory.Trim('/');

    /// <summary>Returns the key of a file path.</summary>
    public string KeyOf(string path) => (_root + path).TrimStart('/');

    /// <summary>Returns the prefix of every key below a directory path, ending with a slash, or empty for the bucket root.</summary>
    public string DirectoryPrefix(string path)
    {
        if (path != "/")
        {
            return KeyOf(path) + "/";
        }

        return _root.Length == 0 ? "" : _root + "/";
    }

    /// <summary>Returns the driver path of a key below the root directory.</summary>
    public string PathOf(string key) => _root.Length == 0 ? "/" + key : key[_root.Length..];
}
