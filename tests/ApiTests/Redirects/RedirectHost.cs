using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Registry.ApiTests.Infrastructure;
using Registry.Silo.Configuration;
using Registry.Silo.Hosting;

namespace Registry.ApiTests.Redirects;

/// <summary>
/// A registry host over the in-memory driver, optionally wrapped in <see cref="PresigningDriver"/>, with
/// the <c>storage.redirect</c> and <c>middleware.storage</c> settings a test gives. Its client does not
/// follow redirects, so tests see the <c>307</c> itself.
/// </summary>
internal sealed class RedirectHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RedirectHost(WebApplication app, HttpClient client, PresigningDriver? driver)
    {
        _app = app;
        Client = client;
        Driver = driver;
    }

    public HttpClient Client { get; }

    /// <summary>The presigning driver below the middleware; null when the host runs the plain in-memory driver.</summary>
    public PresigningDriver? Driver { get; }

    public static async Task<RedirectHost> StartAsync(bool presigning, bool redirectDisabled = false, params MiddlewareEntry[] middleware)
    {
        var configuration = new RegistryConfiguration
        {
            StorageDriver = "inmemory",
            HttpAddress = "127.0.0.1:0",
            LogLevel = "warn",
        };
        configuration.Storage.Redirect.Disable = redirectDisabled;
        configuration.Middleware.Storage.AddRange(middleware);

        PresigningDriver? driver = null;
        var extras = new RegistryHostOptions
        {
            WrapStorageDriver = presigning ? inner => driver = new PresigningDriver(inner) : null,
        };
        var app = RegistryHost.Build(configuration, extras: extras);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the registry host started but reports no bound address");
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(address),
            Timeout = TimeSpan.FromSeconds(30),
        };

        // The driver is created on first use; resolve it now so that tests can reach it.
        app.Services.GetRequiredService<Registry.Storage.Drivers.IStorageDriver>();
        return new RedirectHost(app, client, driver);
    }

    public static MiddlewareEntry Middleware(string name, params (string Key, string Value)[] options)
    {
        var entry = new MiddlewareEntry { Name = name };
        foreach (var (key, value) in options)
        {
            entry.Options[key] = value;
        }

        return entry;
    }

    /// <summary>Pushes <paramref name="content"/> as a blob of <c>test/redirect</c> and returns its digest.</summary>
    public async Task<string> PushBlobAsync(byte[] content)
    {
        var digest = Oci.Sha256(content);
        using var response = await Client.PostAsync($"/v2/test/redirect/blobs/uploads/?digest={digest}", Http.Octets(content));
        await Http.AssertStatusAsync(HttpStatusCode.Created, response);
        return digest;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
