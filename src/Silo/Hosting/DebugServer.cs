using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using Registry.Storage.Drivers;
using Registry.Storage.Layout;

namespace Registry.Silo.Hosting;

/// <summary>
/// The debug server of <c>http.debug.addr</c>: a second, plain-HTTP web application in the
/// registry's process, started and stopped with it. It serves <c>GET /debug/health</c> and, when
/// enabled, the Prometheus metrics, and nothing of the registry API.
/// </summary>
/// <remarks>
/// <c>/debug/health</c> returns what distribution's returns: 200 with <c>{}</c> when the storage driver
/// check passes, 503 with <c>{"storagedriver_&lt;driver&gt;": "&lt;error&gt;"}</c> when it fails.
/// The check stats the registry root; a root that does not exist yet (a fresh registry) passes.
/// Unlike distribution, which repeats its checks on an interval, each request runs the check.
/// </remarks>
internal sealed partial class DebugServer(
    DebugServerOptions options,
    IStorageDriver driver,
    CollectorRegistry? metrics,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    public const string HealthPath = "/debug/health";

    private readonly ILogger _logger = loggerFactory.CreateLogger<DebugServer>();
    private WebApplication? _app;
    private int _lastHealthy = 1;

    /// <summary>The addresses the debug server listens on, once started.</summary>
    public IReadOnlyCollection<string> Addresses =>
        _app?.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);

        // The registry's host owns the process's signals and lifetime messages.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            ListenerSetup.Listen(kestrel, options.Address, new ListenerOptions(), tls: null);
        });

        var app = builder.Build();
        app.MapGet(HealthPath, HealthAsync);
        if (metrics is not null && options.PrometheusEnabled)
        {
            app.MapGet(options.PrometheusPath, MetricsAsync);
        }

        await app.StartAsync(cancellationToken);
        _app = app;
        LogStarted(_logger, string.Join(", ", Addresses), options.PrometheusEnabled ? options.PrometheusPath : "(disabled)");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
            LogStopped(_logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private async Task HealthAsync(HttpContext context)
    {
        var failure = await CheckStorageAsync(context.RequestAborted);
        var healthy = failure is null;

        // Logged when the state changes, not on every probe of a monitoring system.
        if (Interlocked.Exchange(ref _lastHealthy, healthy ? 1 : 0) != (healthy ? 1 : 0))
        {
            if (healthy)
            {
                LogStorageHealthy(_logger, driver.Name);
            }
            else
            {
                LogStorageUnhealthy(_logger, driver.Name, failure!);
            }
        }

        context.Response.StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        if (failure is not null)
        {
            json.WriteString($"storagedriver_{driver.Name}", failure);
        }

        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    /// <summary>Returns <c>null</c> when the storage driver works, else the error to report.</summary>
    private async Task<string?> CheckStorageAsync(CancellationToken cancellationToken)
    {
        try
        {
            await driver.StatAsync(RegistryLayout.Root, cancellationToken).WaitAsync(options.HealthCheckTimeout, cancellationToken);
            return null;
        }
        catch (PathNotFoundException)
        {
            return null;
        }
        catch (TimeoutException)
        {
            return $"the storage driver did not answer within {options.HealthCheckTimeout.TotalSeconds} seconds";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Every failure of the driver, whatever its type, makes the registry unhealthy.
            return exception.Message;
        }
    }

    private async Task MetricsAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await metrics!.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }

    [LoggerMessage(EventId = HostEventIds.DebugServerStarted, Level = LogLevel.Information, Message = "Debug server listening on {Addresses}: health at /debug/health, metrics at {MetricsPath}")]
    private static partial void LogStarted(ILogger logger, string addresses, string metricsPath);

    [LoggerMessage(EventId = HostEventIds.DebugServerStopped, Level = LogLevel.Information, Message = "Debug server stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = HostEventIds.StorageUnhealthy, Level = LogLevel.Warning, Message = "The health check of storage driver {Driver} failed: {Error}")]
    private static partial void LogStorageUnhealthy(ILogger logger, string driver, string error);

    [LoggerMessage(EventId = HostEventIds.StorageHealthy, Level = LogLevel.Information, Message = "The health check of storage driver {Driver} passes again")]
    private static partial void LogStorageHealthy(ILogger logger, string driver);

    /// <summary>A lifetime that neither listens for signals nor prints start-up messages.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
