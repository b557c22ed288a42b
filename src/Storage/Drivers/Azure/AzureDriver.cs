using System.Runtime.InteropServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Registry.Storage.Drivers.Azure;

/// <summary>
/// A driver over one Azure Blob Storage container, with distribution's layout: the path
/// <c>/a/b</c> is the block blob <c>&lt;rootdirectory&gt;/a/b</c> without a leading slash
/// (distribution v3), or with one (v2.8, see <see cref="AzureDriverOptions.LegacyRootPrefix"/>).
/// Directories are blob name prefixes that at least one blob has.
/// </summary>
/// <remarks>
/// Writers stage blocks and commit a block list; a file smaller than one block is stored with
/// one Put Blob. Blobs that distribution wrote as append blobs are read, continued and replaced.
/// </remarks>
public sealed partial class AzureDriver : IStorageDriver
{
    public const string DriverName = "azure";

    private readonly AzureDriverOptions _options;
    private readonly AzureClients _clients;
    private readonly AzureUrlSigner _signer;
    private readonly ILogger _logger;
    private readonly string _rootPrefix;
    private readonly Lock _containerLock = new();
    private Task? _containerReady;

    public AzureDriver(AzureDriverOptions options, ILogger<AzureDriver>? logger = null, TimeProvider? timeProvider = null)
    {
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _clients = AzureClientFactory.Create(options, _logger);
        _signer = new AzureUrlSigner(_clients, _logger, timeProvider ?? TimeProvider.System);
        _rootPrefix = (options.LegacyRootPrefix ? "/" : "") + (options.RootDirectory.TrimEnd('/') + "/").TrimStart('/');
        AzureLog.DriverStarted(_logger, _clients.Container.AccountName, _clients.Container.Name, _clients.Endpoint, options.CredentialType, _rootPrefix);
    }

    public string Name => DriverName;

    internal BlobContainerClient Container => _clients.Container;

    internal AzureClients Clients => _clients;

    internal AzureDriverOptions Options => _options;

    internal ILogger Logger => _logger;

    public async Task<byte[]> GetContentAsync(string path, CancellationToken cancellationToken = default)
    {
        var blob = await BlobAsync(path, cancellationToken);
        try
        {
            var result = await blob.DownloadContentAsync(cancellationToken);
            return result.Value.Content.ToArray();
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_clients, path, exception);
        }
    }

    public async Task PutContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var blob = await BlobAsync(path, cancellationToken);
        var blockBlob = Container.GetBlockBlobClient(blob.Name);
        try
        {
            await UploadReplacingLegacyAsync(blockBlob, content, cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_clients, path, exception);
        }
    }

    public async Task<Stream> ReaderAsync(string path, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var blob = await BlobAsync(path, cancellationToken);
        try
        {
            // A range that starts at the end of the blob fails with 416; offset 0 sends no range, so an empty blob reads as empty.
            var options = new BlobDownloadOptions { Range = offset == 0 ? default : new HttpRange(offset) };
            var result = await blob.DownloadStreamingAsync(options, cancellationToken);
            return result.Value.Content;
        }
        catch (RequestFailedException exception) when (exception.Status == 416)
        {
            var size = await SizeAsync(blob, path, cancellationToken);
            return offset == size ? Stream.Null : throw new InvalidOffsetException(DriverName, path, offset);
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_clients, path, exception);
        }
    }

    public async Task<IStorageWriter> WriterAsync(string path, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var blob = await BlobAsync(path, cancellationToken);
        return await AzureWriter.OpenAsync(this, path, blob.Name, offset, cancellationToken);
    }

    public async Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(DriverName, path);
        await EnsureContainerAsync(cancellationToken);
        try
        {
            if (path != "/")
            {
                var properties = await Container.GetBlobClient(BlobName(path)).GetPropertiesAsync(cancellationToken: cancellationToken);
                return new StorageFileInfo(path, properties.Value.ContentLength, properties.Value.LastModified, IsDirectory: false);
            }
        }
        catch (RequestFailedException exception) when (AzureErrors.IsNotFound(exception))
        {
            // Not a blob, so perhaps a prefix of blobs.
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_clients, path, exception);
        }

        var first = await FirstBlobUnderAsync(path, cancellationToken);
        return first is null
            ? throw new PathNotFoundException(DriverName, path)
            : new StorageFileInfo(path, 0, first.Properties.LastModified ?? DateTimeOffset.MinValue, IsDirectory: true);
    }

    public async Task<Uri?> RedirectUrlAsync(string path, string method, CancellationToken cancellationToken = default)
    {
        StoragePath.Validate(DriverName, path);
        if (method is not ("GET" or "HEAD"))
        {
            return null;
        }

        return await _signer.SignReadAsync(Container.GetBlobClient(BlobName(path)), _options.RedirectExpiry, cancellationToken);
    }

    /// <summary>Returns the blob name of a file path: the root prefix followed by the path without its leading slash.</summary>
    internal string BlobName(string path) => _rootPrefix + path.TrimStart('/');

    /// <summary>Returns the prefix that every blob under the directory <paramref name="path"/> has.</summary>
    internal string DirectoryPrefix(string path) => path == "/" ? _rootPrefix : BlobName(path) + "/";

    /// <summary>Returns the driver path of a blob under the root prefix.</summary>
    internal string PathOf(string blobName) => "/" + blobName[_rootPrefix.Length..];

    /// <summary>Uploads <paramref name="content"/> with one Put Blob, deleting first a blob of another type that distribution wrote.</summary>
    internal async Task UploadReplacingLegacyAsync(BlockBlobClient blob, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await UploadAsync(blob, content, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.InvalidBlobType)
        {
            await DeleteLegacyBlobAsync(blob, cancellationToken);
            await UploadAsync(blob, content, cancellationToken);
        }
    }

    /// <summary>
    /// Deletes a blob of another type than block blob (distribution wrote append blobs), which no block
    /// operation can replace. Its old content is gone until the caller's write lands.
    /// </summary>
    internal async Task DeleteLegacyBlobAsync(BlobBaseClient blob, CancellationToken cancellationToken)
    {
        AzureLog.LegacyBlobReplaced(_logger, blob.Name, "non-block");
        await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
    }

    /// <summary>Makes sure that the container exists, once per driver, creating it as distribution v2 did.</summary>
    internal Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        lock (_containerLock)
        {
            if (_containerReady is null || _containerReady.IsFaulted || _containerReady.IsCanceled)
            {
                _containerReady = CreateContainerAsync();
            }

            return _containerReady.WaitAsync(cancellationToken);
        }
    }

    private async Task CreateContainerAsync()
    {
        try
        {
            var created = await Container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            if (created is not null)
            {
                AzureLog.ContainerCreated(_logger, Container.Name, _clients.Endpoint);
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 403)
        {
            // A token with data-plane roles only may read and write blobs but not create containers.
            AzureLog.ContainerCheckFailed(_logger, Container.Name, _clients.Endpoint, exception.Status, exception.ErrorCode, exception);
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_clients, "/", exception);
        }
        catch (AggregateException exception)
        {
            // Azure.Core's retry policy throws this when every attempt failed without a response.
            throw AzureErrors.Failure(_clients, "/", "the container check failed on every attempt", exception);
        }
    }

    private static async Task UploadAsync(BlockBlobClient blob, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        // BlockBlobClient.UploadAsync is one Put Blob, unlike BlobClient.UploadAsync, which may split into blocks.
        using var stream = StreamOf(content);
        await blob.UploadAsync(stream, new BlobUploadOptions(), cancellationToken);
    }

    /// <summary>Wraps <paramref name="content"/> in a read-only stream, without a copy when it is an array segment.</summary>
    internal static MemoryStream StreamOf(ReadOnlyMemory<byte> content)
    {
        return MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
    }

    private async Task<BlobClient> BlobAsync(string path, CancellationToken cancellationToken)
    {
        StoragePath.Validate(DriverName, path);
        if (path == "/")
        {
            // The root is always a directory, never a file.
            throw new PathNotFoundException(DriverName, path);
        }

        await EnsureContainerAsync(cancellationToken);
        return Container.GetBlobClient(BlobName(path));
    }

    private async Task<long> SizeAsync(BlobClient blob, string path, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.ContentLength;
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_clients, path, exception);
        }
    }
}
