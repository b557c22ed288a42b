using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Registry.Storage.Drivers.Swift;

/// <summary>
/// A driver over OpenStack Swift's native API with the object names of distribution v2.8's Swift driver (see
/// <see cref="SwiftNames"/>), so a container written by registry:2 is served as it is.
/// </summary>
/// <remarks>
/// A file smaller than one segment (<see cref="SwiftDriverOptions.ChunkSize"/>) is one object. A larger one is an SLO
/// manifest over numbered segments; DLO manifests that distribution wrote are read, moved, continued and deleted too.
/// Replacing, moving over or deleting a large object also deletes its segments. The driver authenticates and prepares
/// the container on first use (<see cref="StartAsync"/>).
/// </remarks>
public sealed partial class SwiftDriver : IStorageDriver, IDisposable
{
    public const string DriverName = "swift";

    private readonly SwiftDriverOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly SwiftConnection _connection;
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private SwiftFeatures? _features;

    public SwiftDriver(SwiftDriverOptions options, ILogger<SwiftDriver>? logger = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger<SwiftDriver>.Instance;
        _http = new HttpClient(handler ?? CreateHandler(options)) { Timeout = TimeSpan.FromMinutes(15) };
        _connection = new SwiftConnection(_http, SwiftAuthenticators.Create(options), options, _logger);
        Names = new SwiftNames(options.Prefix);
        Client = new SwiftObjectClient(_connection, options.Container, DriverName);
    }

    public string Name => DriverName;

    internal SwiftNames Names { get; }

    internal SwiftObjectClient Client { get; }

    internal SwiftDriverOptions Options => _options;

    internal ILogger Logger => _logger;

    /// <summary>Authenticates, creates the container when missing and sets the TempURL key. Later calls return at once.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _features) is not null)
        {
            return;
        }

        await _startLock.WaitAsync(cancellationToken);
        try
        {
            _features ??= await SwiftStartup.RunAsync(Client, _options, _logger, cancellationToken);
        }
        finally
        {
            _startLock.Release();
        }
    }

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        await StartAsync(cancellationToken);
        return await Client.GetBytesAsync(Client.Container, Names.ObjectName(path), "", path, cancellationToken)
            ?? throw new PathNotFoundException(Name, path);
    }

    /// <summary>Writes one object; when it replaces a large object, deletes that object's segments afterwards.</summary>
    public async Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        await StartAsync(cancellationToken);
        var name = Names.ObjectName(path);
        var replaced = await SwiftLargeObjects.DescribeAsync(Client, name, path, cancellationToken);
        await Client.PutAsync(name, content, "", path, cancellationToken);
        await DeleteUnreferencedSegmentsAsync(replaced, [], path, cancellationToken);
    }

    public async Task<Stream> ReaderAsync(string path, long offset, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await StartAsync(cancellationToken);
        var name = Names.ObjectName(path);
        var response = await Client.OpenAsync(Client.Container, name, offset, last: null, cancellationToken);
        try
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.NotFound:
                    throw new PathNotFoundException(Name, path);
                case HttpStatusCode.RequestedRangeNotSatisfiable:
                    // Swift returns 416 for an offset at the end as well as past it.
                    var info = await Client.HeadAsync(name, path, cancellationToken) ?? throw new PathNotFoundException(Name, path);
                    return offset == info.Size ? Stream.Null : throw new InvalidOffsetException(Name, path, offset);
            }

            Client.EnsureSuccess(response, path);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var owned = response;
            response = null;
            return new OwnedReadStream(stream, owned);
        }
        finally
        {
            response?.Dispose();
        }
    }

    public async Task<IStorageWriter> WriterAsync(string path, long offset, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await StartAsync(cancellationToken);
        return await SwiftWriter.OpenAsync(this, path, offset, cancellationToken);
    }

    public async Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        await StartAsync(cancellationToken);
        if (path != "/" && await Client.HeadAsync(Names.ObjectName(path), path, cancellationToken) is { } info)
        {
            return new StorageFileInfo(path, info.Size, info.ModifiedAt, IsDirectory: false);
        }

        // A directory exists while at least one object has its prefix.
        await foreach (var _ in Client.ListAsync(Client.Container, Names.DirectoryPrefix(path), '/', path, cancellationToken))
        {
            return new StorageFileInfo(path, 0, DateTimeOffset.MinValue, IsDirectory: true);
        }

        throw new PathNotFoundException(Name, path);
    }

    public async Task<IReadOnlyList<string>> ListAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        await StartAsync(cancellationToken);
        var children = new List<string>();
        await foreach (var entry in Client.ListAsync(Client.Container, Names.DirectoryPrefix(path), '/', path, cancellationToken))
        {
            children.Add(Names.DriverPath(entry.Name));
        }

        if (children.Count == 0 && path != "/")
        {
            throw new PathNotFoundException(Name, path);
        }

        children.Sort(StringComparer.Ordinal);
        return children;
    }

    public async IAsyncEnumerable<StorageFileInfo> WalkAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        await StartAsync(cancellationToken);
        var any = false;
        await foreach (var entry in Client.ListAsync(Client.Container, Names.DirectoryPrefix(path), delimiter: null, path, cancellationToken))
        {
            any = true;
            var size = entry.Size;
            if (size == 0 && !entry.IsStaticLargeObject)
            {
                // A DLO manifest is listed with its own size, 0; HEAD returns the size of its segments.
                size = (await Client.HeadAsync(entry.Name, path, cancellationToken))?.Size ?? 0;
            }

            yield return new StorageFileInfo(Names.DriverPath(entry.Name), size, entry.ModifiedAt, IsDirectory: false);
        }

        if (!any)
        {
            throw new PathNotFoundException(Name, path);
        }
    }

    public Task<Uri?> RedirectUrlAsync(string path, string method, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(Name, path);
        return RedirectCoreAsync(path, method, cancellationToken);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _http.Dispose();
        _startLock.Dispose();
    }

    /// <summary>Deletes the segments of <paramref name="replaced"/> that <paramref name="kept"/> does not name; failures are logged, not raised.</summary>
    internal async Task DeleteUnreferencedSegmentsAsync(
        SwiftStoredObject? replaced, IEnumerable<SwiftSegment> kept, string path, CancellationToken cancellationToken)
    {
        if (replaced is null || replaced.Segments.Count == 0)
        {
            return;
        }

        var keptPaths = kept.Select(segment => segment.ManifestPath).ToHashSet(StringComparer.Ordinal);
        var unreferenced = replaced.Segments.Where(segment => !keptPaths.Contains(segment.ManifestPath)).ToList();
        try
        {
            await DeleteObjectsAsync(unreferenced.Select(segment => (segment.Container, segment.Name)).ToList(), path, cancellationToken);
        }
        catch (StorageDriverException exception)
        {
            SwiftLog.SegmentCleanupFailed(_logger, unreferenced.Count, path, exception);
        }
    }

    /// <summary>Deletes objects with the bulk-delete middleware when the server has it, else one by one; missing ones are skipped.</summary>
    internal async Task DeleteObjectsAsync(IReadOnlyList<(string Container, string Name)> objects, string path, CancellationToken cancellationToken)
    {
        var bulkMax = _features?.BulkDeleteMax ?? 0;
        if (bulkMax > 0)
        {
            foreach (var batch in objects.Chunk(bulkMax))
            {
                await Client.BulkDeleteAsync(batch, path, _logger, cancellationToken);
            }

            return;
        }

        foreach (var (objectContainer, name) in objects)
        {
            await Client.DeleteAsync(objectContainer, name, "", path, cancellationToken);
        }
    }

    private async Task<Uri?> RedirectCoreAsync(string path, string method, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        if (_features?.TempUrlKey is not { } key)
        {
            return null;
        }

        // A TempURL signed for GET also allows HEAD.
        var signedMethod = method == "HEAD" ? "GET" : method;
        if (!_features.TempUrlMethods.Contains(signedMethod, StringComparer.Ordinal))
        {
            SwiftLog.TempUrlMethodNotAllowed(_logger, method, path);
            return null;
        }

        var session = await _connection.SessionAsync(cancellationToken);
        var objectUri = SwiftObjectClient.ObjectUri(session, Client.Container, Names.ObjectName(path));
        return SwiftTempUrl.Sign(objectUri, signedMethod, DateTimeOffset.UtcNow + _options.RedirectLifetime, key, _options.AccessKey, session.TenantId);
    }

    private static SocketsHttpHandler CreateHandler(SwiftDriverOptions options)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(60), PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (options.InsecureSkipVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        return handler;
    }
}
