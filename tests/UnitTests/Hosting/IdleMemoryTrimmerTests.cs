using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Registry.Silo.Hosting;
using Registry.UnitTests.Auth;

namespace Registry.UnitTests.Hosting;

/// <summary>The collection that gives memory back once requests stop, run with the real GC.</summary>
/// <remarks>
/// The allocation threshold counts the whole process's allocations, so these tests run alone, and
/// with a threshold that background work does not reach in a few quiet periods.
/// </remarks>
[Collection(nameof(IdleMemoryTrimmerTests))]
[CollectionDefinition(nameof(IdleMemoryTrimmerTests), DisableParallelization = true)]
public sealed class IdleMemoryTrimmerTests
{
    private const int TrimmedEventId = 1105;
    private const int Threshold = 32 * 1024 * 1024;
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(50);

    private readonly CapturingLoggerFactory _loggers = new();

    [Fact]
    public async Task Trim_AfterRequestAndQuiet_CollectsOnce()
    {
        var trimmer = Create(minAllocatedBytes: Threshold);
        await trimmer.StartAsync(CancellationToken.None);
        try
        {
            await trimmer.TrackAsync(new DefaultHttpContext(), _ => AllocateAsync(2 * Threshold));

            Assert.True(await WaitForTrimsAsync(1, TimeSpan.FromSeconds(10)), "no trim within 10 s of quiet");

            // Nothing was allocated since, so further quiet periods do not collect again.
            await Task.Delay(QuietPeriod * 4);
            var entry = Assert.Single(Trims());
            Assert.Equal(LogLevel.Debug, entry.Level);
            Assert.Contains("resident memory", entry.Message);
        }
        finally
        {
            await trimmer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Trim_WhileRequestRuns_Waits()
    {
        var trimmer = Create(minAllocatedBytes: Threshold);
        await trimmer.StartAsync(CancellationToken.None);
        var release = new TaskCompletionSource();
        try
        {
            var request = trimmer.TrackAsync(new DefaultHttpContext(), async _ =>
            {
                await AllocateAsync(2 * Threshold);
                await release.Task;
            });

            await Task.Delay(QuietPeriod * 4);
            Assert.Empty(Trims());

            release.SetResult();
            await request;
            Assert.True(await WaitForTrimsAsync(1, TimeSpan.FromSeconds(10)), "no trim within 10 s after the request ended");
        }
        finally
        {
            release.TrySetResult();
            await trimmer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Trim_BelowAllocationThreshold_DoesNotCollect()
    {
        var trimmer = Create(minAllocatedBytes: long.MaxValue);
        await trimmer.StartAsync(CancellationToken.None);
        try
        {
            await trimmer.TrackAsync(new DefaultHttpContext(), _ => AllocateAsync(2 * Threshold));
            await Task.Delay(QuietPeriod * 4);

            Assert.Empty(Trims());
        }
        finally
        {
            await trimmer.StopAsync(CancellationToken.None);
        }
    }

    private IdleMemoryTrimmer Create(long minAllocatedBytes) =>
        new(_loggers.CreateLogger<IdleMemoryTrimmer>(), QuietPeriod, minAllocatedBytes, CheckInterval);

    private List<LogEntry> Trims() => _loggers.Entries.Where(entry => entry.EventId == TrimmedEventId).ToList();

    private async Task<bool> WaitForTrimsAsync(int count, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Trims().Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(CheckInterval);
        }

        return true;
    }

    /// <summary>Allocates <paramref name="bytes"/> of garbage in 64 KiB arrays.</summary>
    private static Task AllocateAsync(int bytes)
    {
        for (var allocated = 0; allocated < bytes; allocated += 64 * 1024)
        {
            GC.KeepAlive(new byte[64 * 1024]);
        }

        return Task.CompletedTask;
    }
}
