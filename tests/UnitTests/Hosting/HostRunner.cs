using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Registry.Silo.Configuration;
using Registry.Silo.Hosting;

namespace Registry.UnitTests.Hosting;

/// <summary>A registry host started in-process over the in-memory driver with the given host options; disposal stops it.</summary>
internal sealed class HostRunner : IAsyncDisposable
{
    private HostRunner(WebApplication app, string address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    /// <summary>The first address the host reports, such as <c>http://127.0.0.1:41234</c>.</summary>
    public string Address { get; }

    /// <summary>Starts a host on <paramref name="httpAddress"/> (a free port of 127.0.0.1 by default).</summary>
    public static async Task<HostRunner> StartAsync(RegistryHostOptions extras, string httpAddress = "127.0.0.1:0")
    {
        var configuration = new RegistryConfiguration
        {
            StorageDriver = "inmemory",
            HttpAddress = httpAddress,
            LogLevel = "warn",
            DeleteEnabled = true,
        };
        var app = RegistryHost.Build(configuration, extras: extras);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";
        return new HostRunner(app, address);
    }

    /// <summary>The port the host listens on, taken from <see cref="Address"/>.</summary>
    public int Port => new Uri(Address).Port;

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
