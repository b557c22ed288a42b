namespace Registry.Storage.Drivers;

/// <summary>
/// A driver over an object store that can name the object key a storage path is stored under, so
/// that a CDN in front of the bucket (the <c>cloudfront</c> storage middleware) can serve the object.
/// It is distribution's <c>S3BucketKeyer</c>.
/// </summary>
public interface IObjectKeyMapping
{
    /// <summary>Returns the key of the object that stores <paramref name="path"/>, without a leading slash.</summary>
    string ObjectKey(string path);
}
