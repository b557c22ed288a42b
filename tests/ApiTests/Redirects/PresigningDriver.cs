using Registry.Storage.Drivers;
using Registry.Storage.Middleware;

namespace Registry.ApiTests.Redirects;

/// <summary>
/// Wraps a driver (the in-memory one) and returns a made-up presigned URL for every path, as an
/// object-store driver would, naming its object keys under the prefix <c>root/</c>. With
/// <see cref="Failure"/> set, presigning throws it, as a driver with bad credentials would.
/// </summary>
internal sealed class PresigningDriver(IStorageDriver inner) : StorageDriverDecorator(inner), IObjectKeyMapping
{
    public const string StorageOrigin = "https://storage.example.test";

    public Exception? Failure { get; set; }

    public static Uri UrlFor(string path, string method) => new($"{StorageOrigin}{path}?method={method}&signature=test");

    public override Task<Uri?> RedirectUrlAsync(string path, string method, CancellationToken cancellationToken = default)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        return Task.FromResult<Uri?>(UrlFor(path, method));
    }

    public string ObjectKey(string path) => "root" + path;
}
