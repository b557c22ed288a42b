using System.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Registry.Silo.Hosting;

/// <summary>
/// Gives memory back to the operating system once the registry has gone quiet after work. It runs
/// one aggressive, compacting full collection when no HTTP request has run for a quiet period (2 s)
/// and at least 16 MiB were allocated since the last such collection.
/// </summary>
/// <remarks>
/// The GC keeps the heap it grew to under load and only shrinks it under new allocation pressure,
/// which an idle process never creates, so without this a registry idles at its busiest footprint.
/// A trim costs one blocking full collection of a heap that is mostly free, and the next one waits
/// for another 16 MiB of allocation. An idle registry's background work (Orleans' timers) allocated about 40 KB/s in a
/// trial, so on its own it triggers a trim about every 7 minutes.
/// </remarks>
internal sealed partial class IdleMemoryTrimmer(
    ILogger<IdleMemoryTrimmer> logger,
    TimeSpan quietPeriod,
    long minAllocatedBytes,
    TimeSpan checkInterval) : BackgroundService
{
    public IdleMemoryTrimmer(ILogger<IdleMemoryTrimmer> logger)
        : this(logger, TimeSpan.FromSeconds(2), 16L * 1024 * 1024, TimeSpan.FromMilliseconds(250))
    {
    }

    private int _requestsRunning;
    private long _lastActivity = Environment.TickCount64;

    // Counted from construction: ExecuteAsync starts on a thread-pool thread, after requests may
    // already have allocated.
    private long _allocatedAtTrim = GC.GetTotalAllocatedBytes();

    /// <summary>Counts the requests that run through it. It is added first in the pipeline, so every request is counted.</summary>
    public async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        Interlocked.Increment(ref _requestsRunning);
        try
        {
            await next(context);
        }
        finally
        {
            Volatile.Write(ref _lastActivity, Environment.TickCount64);
            Interlocked.Decrement(ref _requestsRunning);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(checkInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var quietFor = Environment.TickCount64 - Volatile.Read(ref _lastActivity);
                if (Volatile.Read(ref _requestsRunning) > 0 || quietFor < quietPeriod.TotalMilliseconds)
                {
                    continue;
                }

                if (GC.GetTotalAllocatedBytes() - _allocatedAtTrim < minAllocatedBytes)
                {
                    continue;
                }

                var before = Environment.WorkingSet;
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                _allocatedAtTrim = GC.GetTotalAllocatedBytes();
                LogTrimmed(logger, before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(EventId = HostEventIds.IdleMemoryTrimmed, Level = LogLevel.Debug, Message = "Idle: collected garbage and returned memory to the OS; resident memory {BeforeMiB} MiB before, {AfterMiB} MiB after")]
    private static partial void LogTrimmed(ILogger logger, long beforeMiB, long afterMiB);
}
