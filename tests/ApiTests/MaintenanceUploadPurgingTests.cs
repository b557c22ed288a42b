using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registry.ApiTests.Infrastructure;
using Registry.Grains.Maintenance;
using Registry.Silo.Hosting;
using Registry.Storage.Drivers;
using Registry.Storage.Layout;

namespace Registry.ApiTests;

/// <summary>
/// Upload purging (<c>storage.maintenance.uploadpurging</c>): sessions whose <c>startedat</c> is
/// older than the age limit are deleted by the cluster's purge grain, others are kept.
/// </summary>
public sealed class MaintenanceUploadPurgingTests : IDisposable
{
    private static readonly DateTimeOffset LongAgo = new(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);

    // The timer must not fire during a test that triggers the grain itself.
    private static readonly UploadPurgeOptions ManualPurge = new() { MaxFirstRunDelay = TimeSpan.FromDays(1), Interval = TimeSpan.FromDays(1) };

    private readonly string _root = Directory.CreateTempSubdirectory("registry-purge-tests-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Purge_OldSession_IsDeleted()
    {
        await using var host = await MaintenanceHost.StartAsync(_root, new RegistryHostOptions { UploadPurging = ManualPurge });
        var repository = Names.Repository("purge");
        var old = await StartSessionAsync(host, repository);
        var recent = await StartSessionAsync(host, repository);
        await WriteStartedAtAsync(host, repository, old.Id, LongAgo.ToString("yyyy-MM-ddTHH:mm:ssZ"));

        var result = await PurgeAsync(host);

        Assert.Equal(new UploadPurgeResult(Sessions: 2, Expired: 1, Deleted: 1, Errors: 0, DryRun: false), result);
        using var oldStatus = await host.Client.GetAsync(old.Location);
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", oldStatus);
        using var recentStatus = await host.Client.GetAsync(recent.Location);
        await Http.AssertStatusAsync(HttpStatusCode.NoContent, recentStatus);
        Assert.Equal([recent.Id], await ListSessionIdsAsync(host, repository));
    }

    [Fact]
    public async Task Purge_DryRun_KeepsOldSession()
    {
        await using var host = await MaintenanceHost.StartAsync(
            _root, new RegistryHostOptions { UploadPurging = new UploadPurgeOptions { DryRun = true, MaxFirstRunDelay = TimeSpan.FromDays(1) } });
        var repository = Names.Repository("purge");
        var old = await StartSessionAsync(host, repository);
        await WriteStartedAtAsync(host, repository, old.Id, LongAgo.ToString("O"));

        var result = await PurgeAsync(host);

        Assert.Equal(new UploadPurgeResult(Sessions: 1, Expired: 1, Deleted: 0, Errors: 0, DryRun: true), result);
        using var status = await host.Client.GetAsync(old.Location);
        await Http.AssertStatusAsync(HttpStatusCode.NoContent, status);
        Assert.Equal([old.Id], await ListSessionIdsAsync(host, repository));
    }

    [Fact]
    public async Task Purge_OldSessionWithData_CannotBeResumed()
    {
        await using var host = await MaintenanceHost.StartAsync(_root, new RegistryHostOptions { UploadPurging = ManualPurge });
        var repository = Names.Repository("purge");
        var session = await StartSessionAsync(host, repository);
        using var chunk = await host.Client.PatchAsync(session.Location, Http.Chunk(Oci.RandomBytes(500), 0));
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, chunk);
        await WriteStartedAtAsync(host, repository, session.Id, LongAgo.ToString("O"));

        await PurgeAsync(host);

        using var next = await host.Client.PatchAsync(session.Location, Http.Chunk(Oci.RandomBytes(500), 500));
        await Http.AssertErrorAsync(HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN", next);
        Assert.Empty(await ListSessionIdsAsync(host, repository));
    }

    [Fact]
    public async Task Purge_BadStartedAt_KeepsSession()
    {
        await using var host = await MaintenanceHost.StartAsync(_root, new RegistryHostOptions { UploadPurging = ManualPurge });
        var repository = Names.Repository("purge/nested");
        var garbled = await StartSessionAsync(host, repository);
        var missing = await StartSessionAsync(host, repository);
        await WriteStartedAtAsync(host, repository, garbled.Id, "yesterday");
        var driver = host.Services.GetRequiredService<IStorageDriver>();
        await driver.DeleteAsync(RegistryLayout.UploadStartedAt(RepositoryName.Parse(repository), missing.Id));

        var result = await PurgeAsync(host);

        Assert.Equal(new UploadPurgeResult(Sessions: 2, Expired: 0, Deleted: 0, Errors: 1, DryRun: false), result);
        Assert.Equal(new[] { garbled.Id, missing.Id }.Order(), await ListSessionIdsAsync(host, repository));
    }

    [Fact]
    public async Task Purge_FreshRegistry_FindsNothing()
    {
        await using var host = await MaintenanceHost.StartAsync(_root, new RegistryHostOptions { UploadPurging = ManualPurge });

        var result = await PurgeAsync(host);

        Assert.Equal(new UploadPurgeResult(0, 0, 0, 0, false), result);
    }

    [Fact]
    public async Task Schedule_ShortInterval_PurgesWithoutBeingAsked()
    {
        var options = new UploadPurgeOptions { MaxFirstRunDelay = TimeSpan.Zero, Interval = TimeSpan.FromMilliseconds(200) };
        await using var host = await MaintenanceHost.StartAsync(_root, new RegistryHostOptions { UploadPurging = options });
        var repository = Names.Repository("purge");
        var old = await StartSessionAsync(host, repository);
        await WriteStartedAtAsync(host, repository, old.Id, LongAgo.ToString("O"));

        await Http.WaitUntilAsync(
            () => ListSessionIdsAsync(host, repository),
            ids => ids.Count == 0,
            TimeSpan.FromSeconds(20),
            "the scheduled purge deleted the old session");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Purging_Enabled_DecidesWhetherScheduleServiceRuns(bool enabled)
    {
        await using var host = await MaintenanceHost.StartAsync(
            _root, new RegistryHostOptions { UploadPurging = new UploadPurgeOptions { Enabled = enabled, MaxFirstRunDelay = TimeSpan.FromDays(1) } });

        var services = host.Services.GetServices<IHostedService>().Select(service => service.GetType().Name);

        Assert.Equal(enabled, services.Contains("UploadPurgeService"));
    }

    private static async Task<(string Id, string Location)> StartSessionAsync(MaintenanceHost host, string repository)
    {
        using var response = await host.Client.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        await Http.AssertStatusAsync(HttpStatusCode.Accepted, response);
        return (Http.Header(response, "Docker-Upload-UUID")!, Http.Location(response));
    }

    private static Task WriteStartedAtAsync(MaintenanceHost host, string repository, string uploadId, string content) =>
        host.Services.GetRequiredService<IStorageDriver>().PutContentAsync(
            RegistryLayout.UploadStartedAt(RepositoryName.Parse(repository), uploadId), Encoding.ASCII.GetBytes(content));

    private static Task<UploadPurgeResult> PurgeAsync(MaintenanceHost host) =>
        host.Services.GetRequiredService<IGrainFactory>().GetGrain<IUploadPurgeGrain>(IUploadPurgeGrain.SingletonKey).PurgeAsync();

    private static async Task<List<string>> ListSessionIdsAsync(MaintenanceHost host, string repository)
    {
        var driver = host.Services.GetRequiredService<IStorageDriver>();
        try
        {
            var paths = await driver.ListAsync(RegistryLayout.Uploads(RepositoryName.Parse(repository)));
            return paths.Select(path => path[(path.LastIndexOf('/') + 1)..]).Order().ToList();
        }
        catch (PathNotFoundException)
        {
            return [];
        }
    }
}
