using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Registry.Grains.Logging;

namespace Registry.Grains.Maintenance;

/// <summary>
/// Keeps the cluster's one <see cref="IUploadPurgeGrain"/> scheduled: every silo calls it to arm
/// its timer at start and again every <see cref="CheckInterval"/>, so the schedule returns
/// within that time after the silo that ran the purger stops. The grain is a single activation,
/// so however many silos call it, purges run once in the cluster.
/// </summary>
internal sealed partial class UploadPurgeService(
    IGrainFactory grains,
    IOptions<UploadPurgeOptions> options,
    ILogger<UploadPurgeService> logger) : BackgroundService
{
    /// <summary>How often each silo makes sure the purger is scheduled.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(CheckInterval);
        do
        {
            try
            {
                await grains.GetGrain<IUploadPurgeGrain>(IUploadPurgeGrain.SingletonKey).EnsureScheduledAsync().WaitAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogScheduleFailed(logger, CheckInterval, exception);
            }
        }
        while (await WaitForNextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitForNextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = GrainEventIds.UploadPurgeScheduleFailed, Level = LogLevel.Warning, Message = "Failed to schedule upload purging; trying again in {RetryInterval}")]
    private static partial void LogScheduleFailed(ILogger logger, TimeSpan retryInterval, Exception exception);
}
