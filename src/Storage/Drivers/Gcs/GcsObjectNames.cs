namespace Registry.Storage.Drivers.Gcs;

/// <summary>
/// Maps driver paths onto object names as distribution's gcs driver does: the root directory
/// (without its slashes) and a slash, then the path without its leading slash. So <c>/a/b</c> under
/// the root <c>registry</c> is the object <c>registry/a/b</c>, and a bucket written by registry:2 is
/// read as it is.
/// </summary>
/// <remarks>
/// Temporary objects of a writer are named <c>&lt;object&gt;~&lt;suffix&gt;</c>. A valid driver
/// path never contains <c>~</c>, so such a name never collides with a file, and listings leave it out.
/// </remarks>
internal sealed class GcsObjectNames
{
    /// <summary>The marker that starts the suffix of a temporary object's name.</summary>
    public const char TemporaryMarker = '~';

    private readonly string _root;

    public GcsObjectNames(string rootDirectory)
    {
        var trimmed = rootDirectory.Trim().Trim('/');
        _root = trimmed.Length == 0 ? "" : trimmed + "/";
    }

    /// <summary>The object name of a file path; empty for <c>/</c> without a root directory.</summary>
    public string KeyOf(string path) => (_root + path.TrimStart('/')).TrimEnd('/');

    /// <summary>The name prefix that every object below the directory <paramref name="path"/> starts with.</summary>
    public string PrefixOf(string path) => path == "/" ? _root : KeyOf(path) + "/";

    /// <summary>The driver path of an object name or of a listing prefix that ends with a slash.</summary>
    public string PathOf(string name) => "/" + name[_root.Length..].TrimEnd('/');

    /// <summary>A new name for a part object that a writer of <paramref name="key"/> uploads before composing it.</summary>
    public static string PartOf(string key) => $"{key}{TemporaryMarker}part-{Guid.NewGuid():N}";

    /// <summary>The prefix of every temporary object that belongs to <paramref name="key"/>.</summary>
    public static string TemporaryPrefixOf(string key) => key + TemporaryMarker;

    /// <summary>Whether an object name is a writer's temporary object rather than a file.</summary>
    public static bool IsTemporary(string name) => name.AsSpan(name.LastIndexOf('/') + 1).Contains(TemporaryMarker);
}
