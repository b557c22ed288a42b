using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Registry.Silo.Configuration;
using Registry.Silo.Hosting;
using Registry.Storage.Drivers;
using Registry.Storage.Layout;

namespace Registry.ApiTests.Infrastructure;

/// <summary>The storage driver a test host runs over.</summary>
public enum StorageKind
{
    InMemory,
    FileSystem,
}

/// <summary>
/// One registry host started in-process by <see cref="RegistryHost.Build"/>: the real gateway and
/// the real grains, listening on a free port of 127.0.0.1. A filesystem host stores under a fresh
/// temporary directory that disposal deletes. Test classes take it as a class fixture through
/// <see cref="InMemoryRegistry"/> or <see cref="FileSystemRegistry"/>; a test that needs a host of
/// its own starts one with <see cref="StartAsync"/>.
/// </summary>
public abstract class RegistryFixture : IAsyncLifetime, IAsyncDisposable
{
    private WebApplication? _app;
    private HttpClient? _client;
    private bool _disposed;

    protected RegistryFixture(StorageKind storage, bool deleteEnabled = true)
    {
        Storage = storage;
        DeleteEnabled = deleteEnabled;
        if (storage == StorageKind.FileSystem)
        {
            RootDirectory = Directory.CreateTempSubdirectory("registry-api-tests-").FullName;
        }
    }

    public StorageKind Storage { get; }

    public bool DeleteEnabled { get; }

    /// <summary>The filesystem driver's root directory; <c>null</c> for the in-memory driver.</summary>
    public string? RootDirectory { get; }

    /// <summary>A client whose base address is the running host, <c>http://127.0.0.1:port/</c>.</summary>
    public HttpClient Client => _client ?? throw new InvalidOperationException("the registry host is not running; call InitializeAsync first");

    /// <summary>Starts a host that the caller owns and must dispose.</summary>
    public static async Task<RegistryFixture> StartAsync(StorageKind storage, bool deleteEnabled = true)
    {
        var fixture = new StandaloneRegistry(storage, deleteEnabled);
        try
        {
            await fixture.InitializeAsync();
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    public async Task InitializeAsync()
    {
        var configuration = new RegistryConfiguration
        {
            StorageDriver = Storage == StorageKind.InMemory ? "inmemory" : "filesystem",
            RootDirectory = RootDirectory ?? "",
            DeleteEnabled = DeleteEnabled,
            HttpAddress = "127.0.0.1:0",
            LogLevel = "warn",
        };
        _app = RegistryHost.Build(configuration);
        await _app.StartAsync();

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("the registry host started but reports no bound address");
        _client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// Stops the host and starts a new one over the same storage, as a process restart would. Only a
    /// filesystem host keeps its data across this; the new host listens on another port.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync();
        if (RootDirectory is not null && Directory.Exists(RootDirectory))
        {
            Directory.Delete(RootDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Pushes a blob with one monolithic <c>POST ?digest=</c> and returns its sha256 digest.</summary>
    public async Task<string> PushBlobAsync(string repository, byte[] content)
    {
        var digest = Oci.Sha256(content);
        using var response = await Client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={digest}", Http.Octets(content));
        await Http.AssertStatusAsync(HttpStatusCode.Created, response);
        return digest;
    }

    /// <summary>Puts a manifest and asserts that the registry accepted it; returns its sha256 digest.</summary>
    public async Task<string> PutManifestAsync(string repository, string reference, byte[] manifest, string mediaType)
    {
        using var response = await Client.PutAsync($"/v2/{repository}/manifests/{reference}", Http.Typed(manifest, mediaType));
        await Http.AssertStatusAsync(HttpStatusCode.Created, response);
        return Oci.Sha256(manifest);
    }

    /// <summary>
    /// Pushes an OCI image: a unique config and <paramref name="layerCount"/> random layers, then
    /// its manifest under <paramref name="tag"/> (or by digest when <paramref name="tag"/> is null).
    /// </summary>
    public async Task<PushedImage> PushImageAsync(string repository, string? tag, int layerCount = 2)
    {
        var config = Oci.Config();
        await PushBlobAsync(repository, config);
        var layers = new List<byte[]>();
        for (var i = 0; i < layerCount; i++)
        {
            var layer = Oci.RandomBytes(1024 + i);
            await PushBlobAsync(repository, layer);
            layers.Add(layer);
        }

        var manifest = Oci.ImageManifest(
            Oci.Descriptor(Oci.OciConfig, config),
            layers.Select(layer => Oci.Descriptor(Oci.OciLayerGzip, layer)));
        var digest = Oci.Sha256(manifest);
        await PutManifestAsync(repository, tag ?? digest, manifest, Oci.OciManifest);
        return new PushedImage(repository, tag, config, layers, manifest, digest);
    }

    /// <summary>
    /// Lists the upload session directories that storage holds for <paramref name="repository"/>,
    /// read through the host's own driver, so a test can check that a failed request left none.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListUploadSessionsAsync(string repository)
    {
        var driver = (_app ?? throw new InvalidOperationException("the registry host is not running")).Services.GetRequiredService<IStorageDriver>();
        try
        {
            return await driver.ListAsync(RegistryLayout.Uploads(RepositoryName.Parse(repository)));
        }
        catch (PathNotFoundException)
        {
            return [];
        }
    }

    private async Task StopAsync()
    {
        _client?.Dispose();
        _client = null;
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private sealed class StandaloneRegistry(StorageKind storage, bool deleteEnabled) : RegistryFixture(storage, deleteEnabled);
}

/// <summary>A host over the in-memory driver, with deletion enabled.</summary>
public sealed class InMemoryRegistry() : RegistryFixture(StorageKind.InMemory);

/// <summary>A host over the filesystem driver in a temporary directory, with deletion enabled.</summary>
public sealed class FileSystemRegistry() : RegistryFixture(StorageKind.FileSystem);

/// <summary>An image that <see cref="RegistryFixture.PushImageAsync"/> pushed.</summary>
public sealed record PushedImage(
    string Repository,
    string? Tag,
    byte[] Config,
    IReadOnlyList<byte[]> Layers,
    byte[] Manifest,
    string ManifestDigest)
{
    public string ConfigDigest => Oci.Sha256(Config);
}
