namespace Registry.Grains.Manifests;

/// <summary>
/// A pushed manifest that the registry rejects. The message names the JSON path of the bad field
/// where there is one, and is meant to reach the client as the detail of a MANIFEST_INVALID error.
/// </summary>
public sealed class ManifestInvalidException : Exception
{
    public ManifestInvalidException(string message)
        : base(message)
    {
    }

    public ManifestInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
