using Registry.Storage.Layout;

namespace Registry.Grains.Uploads;

/// <summary>
/// The key of an upload grain: the repository and the session id, so a session is only found under
/// the repository it was started in, and its storage paths follow from the key alone.
/// </summary>
public static class UploadKey
{
    public static string Format(RepositoryName repository, string uploadId) => $"{repository.Value}@{uploadId}";

    public static (RepositoryName Repository, string UploadId) Parse(string key)
    {
        var at = key.LastIndexOf('@');
        return (RepositoryName.Parse(key[..at]), key[(at + 1)..]);
    }

    /// <summary>True when <paramref name="uploadId"/> has the form the registry issues (a GUID in "D" format).</summary>
    public static bool IsValidId(string uploadId) =>
        uploadId.Length == 36 && Guid.TryParseExact(uploadId, "D", out _);
}
