using Microsoft.Extensions.Logging;
using Registry.Silo.Configuration;
using Registry.Silo.Hosting;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.FileSystem;
using Registry.Storage.Drivers.InMemory;
using Registry.Storage.Middleware;
using Registry.UnitTests.Auth;

namespace Registry.UnitTests.Hosting;

/// <summary>The start-up check that stops <c>registry serve</c> when its storage backend cannot be reached.</summary>
public sealed class StorageStartupCheckTests : IDisposable
{
    private const string Target = "s3 bucket 'images' at http://127.0.0.1:9";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"registry-startup-check-{Guid.NewGuid():N}");
    private readonly CapturingLoggerFactory _loggers = new();

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task FindFailure_DriverException_ReturnsAndLogsMessage()
    {
        var driver = new StatStubDriver((path, _) =>
            throw new StorageDriverException("s3", path, "connection refused by http://127.0.0.1:9"));

        var failure = await FindFailureAsync(driver, TimeSpan.FromSeconds(30));

        Assert.Equal($"storage driver 's3' failed to read the root of {Target}: s3: connection refused by http://127.0.0.1:9: /", failure);
        var entry = Assert.Single(_loggers.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal(1104, entry.EventId);
        Assert.Contains("http://127.0.0.1:9", entry.Message);
    }

    [Fact]
    public async Task FindFailure_HttpException_ReturnsMessage()
    {
        var driver = new StatStubDriver((_, _) => throw new HttpRequestException("Connection refused (127.0.0.1:9)"));

        var failure = await FindFailureAsync(driver, TimeSpan.FromSeconds(30));

        Assert.Equal($"storage driver 's3' failed to read the root of {Target}: Connection refused (127.0.0.1:9)", failure);
    }

    [Fact]
    public async Task FindFailure_StatHangs_TimesOutNamingTarget()
    {
        var driver = new StatStubDriver(async (path, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new PathNotFoundException("s3", path);
        });

        var failure = await FindFailureAsync(driver, TimeSpan.FromMilliseconds(200));

        Assert.Equal($"storage driver 's3' did not respond within 0.2 seconds: {Target}", failure);
        Assert.Equal(1104, Assert.Single(_loggers.Entries).EventId);
    }

    [Fact]
    public async Task FindFailure_StatIgnoresToken_TimesOut()
    {
        var never = new TaskCompletionSource<StorageFileInfo>();
        var driver = new StatStubDriver((_, _) => never.Task);

        var failure = await FindFailureAsync(driver, TimeSpan.FromMilliseconds(200));

        Assert.Equal($"storage driver 's3' did not respond within 0.2 seconds: {Target}", failure);
    }

    [Fact]
    public async Task FindFailure_EmptyFileSystemStore_ReturnsNull()
    {
        var driver = new FileSystemDriver(new FileSystemDriverOptions { RootDirectory = _directory });

        var failure = await FindFailureAsync(driver, TimeSpan.FromSeconds(30));

        Assert.Null(failure);
        Assert.Empty(_loggers.Entries);
    }

    [Fact]
    public async Task FindFailure_FileSystemWithContent_ReturnsNull()
    {
        var driver = new FileSystemDriver(new FileSystemDriverOptions { RootDirectory = _directory });
        await driver.PutContentAsync("/docker/registry/v2/repositories/a/_layers/x", "x"u8.ToArray());

        var failure = await FindFailureAsync(driver, TimeSpan.FromSeconds(30));

        Assert.Null(failure);
    }

    [Fact]
    public async Task FindFailure_CallerCancels_Throws()
    {
        var driver = new StatStubDriver(async (path, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new PathNotFoundException("s3", path);
        });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StorageStartupCheck.FindFailureAsync(
            driver, Target, _loggers.CreateLogger("test"), TimeSpan.FromSeconds(30), cancellation.Token));
    }

    public static TheoryData<string, string> Targets => new()
    {
        { "version: 0.1\nstorage:\n  s3:\n    region: us-east-1\n    bucket: images\n    regionendpoint: http://127.0.0.1:6040\n", "s3 bucket 'images' at http://127.0.0.1:6040" },
        { "version: 0.1\nstorage:\n  s3:\n    region: eu-west-1\n    bucket: images\n", "s3 bucket 'images' at region eu-west-1" },
        { "version: 0.1\nstorage:\n  swift:\n    authurl: http://127.0.0.1:6040/auth/v1.0\n    username: u\n    password: secret\n    container: c\n", "swift container 'c' at http://127.0.0.1:6040/auth/v1.0" },
        { "version: 0.1\nstorage:\n  gcs:\n    bucket: images\n", "gcs bucket 'images' at https://storage.googleapis.com" },
        { "version: 0.1\nstorage:\n  azure:\n    accountname: acct\n    accountkey: c2VjcmV0\n    container: c\n", "azure container 'c' of account 'acct' at https://acct.blob.core.windows.net" },
        { "version: 0.1\nstorage:\n  azure:\n    accountname: acct\n    accountkey: c2VjcmV0\n    container: c\n    serviceurl: http://127.0.0.1:10000/acct?sv=2021&sig=secret\n", "azure container 'c' of account 'acct' at http://127.0.0.1:10000/acct" },
        { "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /srv/registry\n", "filesystem storage" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void DescribeTarget_Configuration_NamesEndpointWithoutSecrets(string yaml, string expected)
    {
        var configuration = ConfigurationLoader.Load(yaml, "config.yml", new Dictionary<string, string?>());

        var target = StorageStartupCheck.DescribeTarget(configuration.Storage);

        Assert.Equal(expected, target);
        Assert.DoesNotContain("secret", target);
    }

    private Task<string?> FindFailureAsync(IStorageDriver driver, TimeSpan timeout) =>
        StorageStartupCheck.FindFailureAsync(driver, Target, _loggers.CreateLogger("test"), timeout);

    /// <summary>An in-memory driver named s3 whose stat runs the given function.</summary>
    private sealed class StatStubDriver(Func<string, CancellationToken, Task<StorageFileInfo>> stat) : StorageDriverDecorator(new InMemoryDriver())
    {
        public override string Name => "s3";

        public override Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken = default) => stat(path, cancellationToken);
    }
}
