using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Registry.ApiTests.Infrastructure;
using Registry.Silo.Configuration;
using Registry.Silo.Hosting;

namespace Registry.ApiTests;

/// <summary>
/// A registry host started with maintenance settings (<see cref="RegistryHostOptions"/>) over a
/// storage directory that the test owns, so that hosts with different settings can run one after
/// the other on the same data. Disposal stops the host and keeps the directory.
/// </summary>
internal sealed class MaintenanceHost : IAsyncDisposable
{
    private MaintenanceHost(WebApplication app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<MaintenanceHost> StartAsync(string rootDirectory, RegistryHostOptions extras)
    {
        var configuration = new RegistryConfiguration
        {
            StorageDriver = "filesystem",
            RootDirectory = rootDirectory,
            DeleteEnabled = true,
            HttpAddress = "127.0.0.1:0",
            LogLevel = "warn",
        };
        var app = RegistryHost.Build(configuration, extras: extras);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the registry host started but reports no bound address");
        return new MaintenanceHost(app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) });
    }

    /// <summary>Pushes an image of one config and two layers, tagged <paramref name="tag"/>, with monolithic uploads.</summary>
    public async Task<PushedImage> PushImageAsync(string repository, string tag)
    {
        var config = Oci.Config();
        var layers = new List<byte[]> { Oci.RandomBytes(1024), Oci.RandomBytes(2048) };
        foreach (var blob in layers.Prepend(config))
        {
            using var upload = await Client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={Oci.Sha256(blob)}", Http.Octets(blob));
            await Http.AssertStatusAsync(System.Net.HttpStatusCode.Created, upload);
        }

        var manifest = Oci.ImageManifest(
            Oci.Descriptor(Oci.OciConfig, config),
            layers.Select(layer => Oci.Descriptor(Oci.OciLayerGzip, layer)));
        using var put = await Client.PutAsync($"/v2/{repository}/manifests/{tag}", Http.Typed(manifest, Oci.OciManifest));
        await Http.AssertStatusAsync(System.Net.HttpStatusCode.Created, put);
        return new PushedImage(repository, tag, config, layers, manifest, Oci.Sha256(manifest));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
