using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Registry.Grains.Errors;
using Registry.Grains.Uploads;
using Registry.Storage.Drivers;
using Registry.Storage.Layout;

namespace Registry.Grains.Maintenance;

/// <summary>
/// Purges stale upload sessions, as distribution's upload purger does: a session whose
/// <c>startedat</c> is older than the age limit is deleted, one whose <c>startedat</c> is missing
/// or unreadable is kept, and only directories named by a UUID count as sessions.
/// </summary>
/// <remarks>
/// NOTE: the schedule is a grain timer with keep-alive, not a reminder, so it lives only as long
/// as this activation: when its silo stops, the next <see cref="EnsureScheduledAsync"/> (which
/// <see cref="UploadPurgeService"/> sends at every silo start and then periodically) arms it again,
/// with a new random first-run delay.
/// </remarks>
internal sealed partial class UploadPurgeGrain(
    IStorageDriver driver,
    IOptions<UploadPurgeOptions> options,
    ILogger<UploadPurgeGrain> logger) : Grain, IUploadPurgeGrain
{
    private readonly UploadPurgeOptions _options = options.Value;
    private IGrainTimer? _timer;

    public Task EnsureScheduledAsync()
    {
        if (!_options.Enabled || _timer is not null)
        {
            return Task.CompletedTask;
        }

        var firstRunDelay = TimeSpan.FromTicks(Random.Shared.NextInt64(Math.Max(_options.MaxFirstRunDelay.Ticks, 1)));
        _timer = this.RegisterGrainTimer(
            RunScheduledAsync,
            new GrainTimerCreationOptions { DueTime = firstRunDelay, Period = _options.Interval, Interleave = false, KeepAlive = true });
        LogScheduled(logger, _options.Interval, firstRunDelay, _options.Age, _options.DryRun);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Walks every repository's <c>_uploads</c> directory and deletes (or, in a dry run, only
    /// logs) each session older than the age limit.
    /// </summary>
    public async Task<UploadPurgeResult> PurgeAsync()
    {
        var cutoff = DateTimeOffset.UtcNow - _options.Age;
        var clock = Stopwatch.StartNew();
        LogStarted(logger, cutoff, _options.DryRun);

        var run = new PurgeRun(cutoff, _options.DryRun);
        await WalkAsync(RegistryLayout.RepositoriesRoot, run);

        var result = new UploadPurgeResult(run.Sessions, run.Expired, run.Deleted, run.Errors, run.DryRun);
        LogFinished(logger, clock.ElapsedMilliseconds, result.Sessions, result.Expired, result.Deleted, result.Errors, result.DryRun);
        return result;
    }

    private async Task RunScheduledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PurgeAsync();
        }
        catch (Exception exception) when (exception is StorageDriverException or IOException)
        {
            // The next tick tries again. Nothing is left half-done, because each session is deleted whole.
            LogFailed(logger, _options.Interval, exception);
        }
    }

    /// <summary>
    /// Descends from <paramref name="directory"/> through the repository tree: an <c>_uploads</c>
    /// directory contains sessions, other directories starting with '_' contain no repositories, and
    /// every remaining directory may be a repository or a component of a nested name.
    /// </summary>
    private async Task WalkAsync(string directory, PurgeRun run)
    {
        IReadOnlyList<string> children;
        try
        {
            children = await driver.ListAsync(directory);
        }
        catch (PathNotFoundException)
        {
            // A fresh registry has no repositories directory, and listing a file raises not found too.
            return;
        }

        foreach (var child in children)
        {
            var name = LastSegment(child);
            if (name == RegistryLayout.UploadsDirectory)
            {
                await PurgeRepositoryAsync(directory, run);
            }
            else if (!name.StartsWith('_'))
            {
                await WalkAsync(child, run);
            }
        }
    }

    private async Task PurgeRepositoryAsync(string repositoryDirectory, PurgeRun run)
    {
        var nameText = repositoryDirectory[(RegistryLayout.RepositoriesRoot.Length + 1)..];
        if (!RepositoryName.TryParse(nameText, out var repository, out var error))
        {
            // Not a directory this registry (or distribution) writes, so it is left alone.
            LogDirectorySkipped(logger, repositoryDirectory, error);
            run.Errors++;
            return;
        }

        IReadOnlyList<string> sessions;
        try
        {
            sessions = await driver.ListAsync(RegistryLayout.Uploads(repository));
        }
        catch (PathNotFoundException)
        {
            return;
        }

        foreach (var sessionPath in sessions)
        {
            var uploadId = LastSegment(sessionPath);
            if (Guid.TryParse(uploadId, out _))
            {
                run.Sessions++;
                await PurgeSessionAsync(repository, uploadId, run);
            }
        }
    }

    private async Task PurgeSessionAsync(RepositoryName repository, string uploadId, PurgeRun run)
    {
        var startedAt = await ReadStartedAtAsync(repository, uploadId, run);
        if (startedAt is null || startedAt.Value >= run.Cutoff)
        {
            return;
        }

        run.Expired++;
        if (run.DryRun)
        {
            LogWouldDelete(logger, repository, uploadId, startedAt.Value);
            return;
        }

        try
        {
            await DeleteSessionAsync(repository, uploadId);
            run.Deleted++;
            LogDeleted(logger, repository, uploadId, startedAt.Value);
        }
        catch (Exception exception) when (exception is StorageDriverException or IOException)
        {
            run.Errors++;
            LogDeleteFailed(logger, repository, uploadId, exception);
        }
    }

    /// <summary>
    /// Deletes a session through its upload grain when the id is one the gateway accepts, so an
    /// activation that still has the session in memory drops it too. Any other id is deleted
    /// directly, because no grain can be active for it.
    /// </summary>
    private async Task DeleteSessionAsync(RepositoryName repository, string uploadId)
    {
        if (!UploadKey.IsValidId(uploadId))
        {
            await driver.DeleteAsync(RegistryLayout.Upload(repository, uploadId));
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IUploadGrain>(UploadKey.Format(repository, uploadId)).CancelAsync();
        }
        catch (RegistryException exception) when (exception.Code == RegistryErrorCode.BlobUploadUnknown)
        {
            // The client completed or cancelled the session since its startedat was read.
        }
    }

    /// <summary>Reads a session's start time, or returns <c>null</c> (keep the session) when it is missing or unreadable.</summary>
    private async Task<DateTimeOffset?> ReadStartedAtAsync(RepositoryName repository, string uploadId, PurgeRun run)
    {
        var path = RegistryLayout.UploadStartedAt(repository, uploadId);
        try
        {
            var text = Encoding.UTF8.GetString(await driver.GetContentAsync(path)).Trim();
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var startedAt))
            {
                return startedAt;
            }

            run.Errors++;
            LogSessionUnreadable(logger, repository, uploadId, $"startedat contains '{text}', not an RFC 3339 time");
            return null;
        }
        catch (PathNotFoundException)
        {
            // A session being created, or one another tool left half-written: distribution keeps it too.
            return null;
        }
        catch (Exception exception) when (exception is StorageDriverException or IOException)
        {
            run.Errors++;
            LogSessionUnreadable(logger, repository, uploadId, exception.Message);
            return null;
        }
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>The counts of one purge as it goes.</summary>
    private sealed class PurgeRun(DateTimeOffset cutoff, bool dryRun)
    {
        public DateTimeOffset Cutoff { get; } = cutoff;

        public bool DryRun { get; } = dryRun;

        public int Sessions { get; set; }

        public int Expired { get; set; }

        public int Deleted { get; set; }

        public int Errors { get; set; }
    }
}
