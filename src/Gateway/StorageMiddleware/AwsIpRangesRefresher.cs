using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Registry.Gateway.StorageMiddleware;

/// <summary>
/// Loads <see cref="AwsIpRanges"/> at start-up and again every <c>updatefrequency</c>. A failed load
/// is logged and keeps the previous list, as distribution does; start-up waits for the first
/// attempt but does not fail with it.
/// </summary>
public sealed partial class AwsIpRangesRefresher(AwsIpRanges ranges, TimeSpan interval, HttpClient client, ILogger<AwsIpRangesRefresher> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        client.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await LoadAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped(logger, ranges.Source);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (kept, skipped) = await ranges.LoadAsync(client, cancellationToken);
            LogLoaded(logger, kept, skipped, ranges.Source);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A timeout surfaces as TaskCanceledException without the caller's token being cancelled.
            LogFailed(logger, exception, ranges.Source, ranges.IsLoaded);
        }
    }

    [LoggerMessage(EventId = Logging.GatewayEventIds.AwsIpRangesLoaded, Level = LogLevel.Information,
        Message = "Loaded {Count} AWS address ranges from {Source} ({Skipped} unparsable prefixes skipped)")]
    private static partial void LogLoaded(ILogger logger, int count, int skipped, Uri source);

    [LoggerMessage(EventId = Logging.GatewayEventIds.AwsIpRangesFailed, Level = LogLevel.Warning,
        Message = "Failed to load AWS address ranges from {Source}; keeping the previous list (loaded before: {Loaded}), so until a load succeeds clients in AWS may be sent to CloudFront")]
    private static partial void LogFailed(ILogger logger, Exception exception, Uri source, bool loaded);

    [LoggerMessage(EventId = Logging.GatewayEventIds.AwsIpRangesStopped, Level = LogLevel.Information, Message = "Stopped refreshing AWS address ranges from {Source}")]
    private static partial void LogStopped(ILogger logger, Uri source);
}
