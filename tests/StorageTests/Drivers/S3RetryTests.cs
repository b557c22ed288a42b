using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.S3;
using Registry.StorageTests.Services;

namespace Registry.StorageTests.Drivers;

/// <summary>Retries of throttled S3 requests, against Swift's s3api with a stage that returns 503 SlowDown first.</summary>
public sealed class S3RetryTests : IAsyncLifetime
{
    private readonly string _prefix = TestServices.UniquePrefix("s3-retry");
    private readonly S3TestStore _store = new(
        TestServices.S3Endpoint, TestServices.S3AccessKey, TestServices.S3SecretKey, TestServices.S3Region, TestServices.S3Bucket, listsUploads: true);
    private readonly CollectingLogger _logger = new();
    private string? _unavailable;

    public async Task InitializeAsync() => _unavailable = await _store.EnsureBucketAsync();

    public async Task DisposeAsync()
    {
        if (_unavailable is null)
        {
            using var driver = new S3Driver(_store.Options(_prefix));
            await driver.DeleteIfExistsAsync("/");
        }
    }

    [SkippableFact]
    public async Task PutContent_TwoSlowDowns_SucceedsAndLogsEachRetry()
    {
        if (_unavailable is not null)
        {
            throw new TestServiceUnreachableException(_unavailable);
        }

        using var driver = CreateDriver(failures: 2, maxAttempts: 4);

        await driver.PutContentAsync("/retry/file", new byte[] { 1, 2, 3 });

        Assert.Equal([1, 2, 3], await driver.GetContentAsync("/retry/file"));
        Assert.Equal(2, _logger.Events.Count(id => id == 4102));
    }

    [SkippableFact]
    public async Task PutContent_SlowDownOnEveryAttempt_ThrowsNamingCode()
    {
        if (_unavailable is not null)
        {
            throw new TestServiceUnreachableException(_unavailable);
        }

        using var driver = CreateDriver(failures: int.MaxValue, maxAttempts: 3);

        var exception = await Assert.ThrowsAsync<StorageDriverException>(() => driver.PutContentAsync("/retry/file", new byte[] { 1 }));

        Assert.Contains("SlowDown", exception.Message);
        Assert.Contains(TestServices.S3Endpoint, exception.Message);
        Assert.Contains(TestServices.S3Bucket, exception.Message);
        Assert.DoesNotContain(TestServices.S3SecretKey, exception.Message);
        Assert.Equal(3, _logger.Events.Count(id => id == 4102));
    }

    private S3Driver CreateDriver(int failures, int maxAttempts)
    {
        var options = _store.Options(_prefix);
        options.MaxAttempts = maxAttempts;
        options.WrapHttpHandler = inner => new SlowDownHandler(inner, failures);
        return new S3Driver(options, _logger);
    }

    /// <summary>Returns 503 SlowDown to the first <c>failures</c> requests, as S3 does when throttling.</summary>
    private sealed class SlowDownHandler(HttpMessageHandler inner, int failures) : DelegatingHandler(inner)
    {
        private int _sent;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _sent) > failures)
            {
                return base.SendAsync(request, cancellationToken);
            }

            var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/xml"),
                RequestMessage = request,
            });
        }
    }

    /// <summary>A logger that keeps the event id of every entry.</summary>
    private sealed class CollectingLogger : ILogger<S3Driver>
    {
        public ConcurrentQueue<int> Events { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Events.Enqueue(eventId.Id);
    }
}
