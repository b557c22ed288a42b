using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Prometheus;
using Registry.Gateway;
using Registry.Gateway.Auth;
using Registry.Gateway.Maintenance;
using Registry.Gateway.Metrics;
using Registry.Gateway.StorageMiddleware;
using Registry.Grains.Maintenance;
using Registry.Silo.Configuration;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.FileSystem;
using Registry.Storage.Drivers.InMemory;

using Registry.Silo.Hosting.Storage;

namespace Registry.Silo.Hosting;

/// <summary>
/// Builds the process that <c>registry serve</c> runs: an Orleans silo with localhost clustering and
/// the HTTP gateway in one ASP.NET Core host, over the configured storage driver.
/// </summary>
public static class RegistryHost
{
    /// <summary>Entries of the Orleans grain directory cache.</summary>
    private const int DirectoryCacheSize = 10_000;

    /// <summary>How long one fetch of the AWS address ranges may take; the list is about 2 MB.</summary>
    private static readonly TimeSpan AwsIpRangesTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Builds the host from <paramref name="configuration"/> and, when given, <paramref name="extras"/>:
    /// the listener, TLS, maintenance and debug settings. Without them the host serves plain HTTP
    /// on TCP with relative URLs, no read-only mode, no upload purging and no debug server.
    /// Throws <see cref="ConfigurationException"/> when a setting or a file it names cannot be used.
    /// </summary>
    public static WebApplication Build(RegistryConfiguration configuration, string[]? args = null, RegistryHostOptions? extras = null)
    {
        extras?.Validate();
        var tls = extras?.Tls is { } tlsOptions ? TlsSetup.Load(tlsOptions) : null;
        var listener = extras?.Listener ?? new ListenerOptions { RelativeUrls = true };

        // The content root is the application's own folder, never the working directory: the host
        // watches its content root for changes of appsettings files, and a working directory that
        // contains the registry's storage would have every repository directory watched.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        ConfigureLogging(builder.Logging, configuration.LogLevel, extras?.JsonLogs ?? false);

        AddStorage(builder.Services, configuration, extras?.WrapStorageDriver);
        builder.Services.AddRegistryGateway(options =>
        {
            options.DeleteEnabled = configuration.DeleteEnabled;
            options.RedirectDisabled = configuration.Storage.Redirect.Disable;
            options.MaxPageSize = extras?.MaxPageSize ?? options.MaxPageSize;
        });
        builder.Services.AddRegistryAuth(extras?.Auth);
        builder.Services.Configure<ReadOnlyModeOptions>(options => options.Enabled = extras?.ReadOnly ?? false);
        if (listener.DrainTimeout is { } drainTimeout)
        {
            builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = drainTimeout);
        }

        var metrics = AddMetrics(builder.Services, extras?.Debug);

        var siloPort = configuration.SiloPort == 0 ? FreeLoopbackPort() : configuration.SiloPort;
        builder.UseOrleans(silo =>
        {
            // The co-hosted gateway calls grains in-process, so the silo opens no client gateway port.
            silo.UseLocalhostClustering(siloPort: siloPort, gatewayPort: 0);

            // The directory cache maps grains to remote silos; one silo needs few entries, and the
            // default size preallocates megabytes.
            silo.Configure<GrainDirectoryOptions>(options => options.CacheSize = DirectoryCacheSize);
        });

        // Registered after the silo, so they start once it runs.
        builder.Services.AddUploadPurging(extras?.UploadPurging ?? new UploadPurgeOptions { Enabled = false });
        if (extras?.Debug is { } debug)
        {
            builder.Services.AddHostedService(services => new DebugServer(
                debug, services.GetRequiredService<IStorageDriver>(), metrics, services.GetRequiredService<ILoggerFactory>()));
        }

        // Kestrel's sockets take their buffers from this factory when one is registered.
        builder.Services.AddSingleton<IMemoryPoolFactory<byte>, ConnectionBufferPool.Factory>();
        builder.Services.AddSingleton(services => new IdleMemoryTrimmer(services.GetRequiredService<ILogger<IdleMemoryTrimmer>>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<IdleMemoryTrimmer>());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Blobs are gigabytes: the body size is bounded by storage, not by the server.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
            ListenerSetup.Listen(kestrel, configuration.HttpAddress, listener, tls);
        });

        var app = builder.Build();
        if (metrics is not null)
        {
            // Starts listening to Orleans' meter. The container disposes it with the host.
            app.Services.GetRequiredService<GrainMetrics>();
        }

        var trimmer = app.Services.GetRequiredService<IdleMemoryTrimmer>();
        app.Use(trimmer.TrackAsync);
        ListenerSetup.UseListener(app, listener);
        app.MapRegistryGateway();
        return app;
    }

    /// <summary>
    /// Registers the storage driver wrapped in its <c>middleware.storage</c> entries, which are parsed
    /// here so that a bad entry stops start-up, and one refresher per AWS address filter.
    /// </summary>
    private static void AddStorage(IServiceCollection services, RegistryConfiguration configuration, Func<IStorageDriver, IStorageDriver>? wrap)
    {
        var middleware = StorageMiddlewareParser.Parse(configuration.Middleware.Storage);
        services.AddSingleton(provider =>
        {
            var driver = StorageDriverFactory.Create(configuration, provider.GetRequiredService<ILoggerFactory>());
            return StorageDriverFactory.ApplyMiddleware(wrap is null ? driver : wrap(driver), configuration, middleware, provider);
        });

        foreach (var ranges in middleware.OfType<CloudFrontMiddlewareSpec>().Select(spec => (spec.AwsRanges, spec.Options.UpdateFrequency)))
        {
            if (ranges.AwsRanges is { } awsRanges)
            {
                services.AddHttpContextAccessor();
                services.AddHostedService(provider => new AwsIpRangesRefresher(
                    awsRanges,
                    ranges.UpdateFrequency,
                    new HttpClient { Timeout = AwsIpRangesTimeout },
                    provider.GetRequiredService<ILogger<AwsIpRangesRefresher>>()));
            }
        }
    }

    /// <summary>Registers the Prometheus collectors when the debug server serves metrics, and returns their registry, or null.</summary>
    private static CollectorRegistry? AddMetrics(IServiceCollection services, DebugServerOptions? debug)
    {
        if (debug is not { PrometheusEnabled: true })
        {
            return null;
        }

        var registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(registry);
        services.AddRegistryRequestMetrics(registry);
        services.AddSingleton(_ => new GrainMetrics(registry));
        return registry;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, string level, bool json)
    {
        logging.ClearProviders();
        if (json)
        {
            logging.AddJsonConsole(options =>
            {
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.UseUtcTimestamp = true;
            });
        }
        else
        {
            logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                options.UseUtcTimestamp = true;
            });
        }
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

            // Orleans' placement runs through a Polly pipeline that logs every attempt at Information.
            logging.AddFilter("Polly", LogLevel.Warning);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
