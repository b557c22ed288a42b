using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using Google.Cloud.Storage.V1;
using Microsoft.Extensions.Logging;
using Registry.StorageTests.Services;

namespace Registry.StorageTests.Drivers;

/// <summary>Records every request that a driver sends.</summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentQueue<HttpRequestMessage> _requests = new();

    public HttpMessageHandler Wrap(HttpMessageHandler inner) => new Recorder(this) { InnerHandler = inner };

    public int Count(Func<HttpRequestMessage, bool> predicate) => _requests.Count(predicate);

    private sealed class Recorder(RequestCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter._requests.Enqueue(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>Returns <c>status</c> for the first <c>failures</c> requests without sending them.</summary>
internal sealed class FailingHandler(int failures, HttpStatusCode status)
{
    private int _requests;

    /// <summary>How many requests received the failure status.</summary>
    public int Failed => Math.Min(Volatile.Read(ref _requests), failures);

    public HttpMessageHandler Wrap(HttpMessageHandler inner) => new Failer(this) { InnerHandler = inner };

    private bool NextFails() => Interlocked.Increment(ref _requests) <= failures;

    private sealed class Failer(FailingHandler owner) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (owner.NextFails())
            {
                return Task.FromResult(new HttpResponseMessage(owner.Status) { RequestMessage = request, Content = new StringContent("unavailable") });
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    private HttpStatusCode Status => status;
}

/// <summary>A service account key made up for the test, with a fresh 2048-bit RSA key; it opens no account.</summary>
internal static class ThrowawayServiceAccount
{
    public const string ClientEmail = "registry-test@example-project.iam.gserviceaccount.com";

    public static string Json()
    {
        using var rsa = RSA.Create(2048);
        return JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "example-project",
            ["private_key_id"] = "0123456789abcdef",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = ClientEmail,
            ["client_id"] = "123456789",
            ["token_uri"] = "https://oauth2.googleapis.com/token",
        });
    }
}

/// <summary>A storage client that reaches the test bucket without the driver, to look at objects as they are stored.</summary>
internal static class GcsTestClient
{
    public static StorageClient Create()
    {
        if (TestServices.GcsIsEmulator)
        {
            return new StorageClientBuilder { BaseUri = TestServices.GcsEndpoint, UnauthenticatedAccess = true }.Build();
        }

        return new StorageClientBuilder
        {
            Credential = CredentialFactory.FromFile<ServiceAccountCredential>(TestServices.GcsKeyFile!).ToGoogleCredential(),
        }.Build();
    }
}

/// <summary>A logger that keeps the event id of every entry.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<int> _eventIds = new();

    public int Count(int eventId) => _eventIds.Count(id => id == eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _eventIds.Enqueue(eventId.Id);
}
