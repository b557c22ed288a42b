using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registry.Gateway;
using Registry.Silo.Configuration;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.FileSystem;
using Registry.Storage.Drivers.InMemory;

namespace Registry.Silo.Hosting;

/// <summary>
/// Builds the process that <c>registry serve</c> runs: an Orleans silo with localhost clustering and
/// the HTTP gateway in one ASP.NET Core host, over the configured storage driver.
/// </summary>
public static class RegistryHost
{
    public static WebApplication Build(RegistryConfiguration configuration, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        ConfigureLogging(builder.Logging, configuration.LogLevel);

        builder.Services.AddSingleton(CreateDriver(configuration));
        builder.Services.AddRegistryGateway(options => options.DeleteEnabled = configuration.DeleteEnabled);

        var siloPort = configuration.SiloPort == 0 ? FreeLoopbackPort() : configuration.SiloPort;
        builder.UseOrleans(silo =>
        {
            // The co-hosted gateway calls grains in-process, so the silo opens no client gateway port.
            silo.UseLocalhostClustering(siloPort: siloPort, gatewayPort: 0);
        });

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Blobs are gigabytes: the body size is bounded by storage, not by the server.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
            var address = ListenAddress.Parse(configuration.HttpAddress, "http.addr");
            if (address.Address is not null)
            {
                kestrel.Listen(address.Address, address.Port);
            }
            else if (address.Host is "localhost")
            {
                kestrel.ListenLocalhost(address.Port);
            }
            else if (address.Host is null)
            {
                kestrel.ListenAnyIP(address.Port);
            }
            else
            {
                foreach (var resolved in Dns.GetHostAddresses(address.Host))
                {
                    kestrel.Listen(resolved, address.Port);
                }
            }
        });

        var app = builder.Build();
        app.MapRegistryGateway();
        return app;
    }

    private static IStorageDriver CreateDriver(RegistryConfiguration configuration) => configuration.StorageDriver switch
    {
        "inmemory" => new InMemoryDriver(),
        _ => new FileSystemDriver(new FileSystemDriverOptions { RootDirectory = configuration.RootDirectory }),
    };

    private static void ConfigureLogging(ILoggingBuilder logging, string level)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            options.UseUtcTimestamp = true;
        });
        logging.SetMinimumLevel(level switch
        {
            "error" => LogLevel.Error,
            "warn" => LogLevel.Warning,
            "debug" => LogLevel.Debug,
            _ => LogLevel.Information,
        });

        // Orleans and ASP.NET Core report their own start-up at Information; their per-request and
        // membership chatter stays out unless the registry runs at debug.
        if (level != "debug")
        {
            logging.AddFilter("Orleans", LogLevel.Warning);
            logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
