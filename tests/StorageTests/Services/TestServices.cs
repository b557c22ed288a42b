using System.Collections.Concurrent;
using System.Data.Common;

namespace Registry.StorageTests.Services;

/// <summary>
/// Where the storage servers of the tests listen. Each value comes from an environment variable
/// and defaults to the emulator that <c>tests/services/start.sh</c> starts on 127.0.0.1. Setting
/// the variables of one backend points its tests at a real account instead. The tests then skip
/// nothing for that backend, because emulator gaps apply only to the emulators.
/// </summary>
/// <remarks>
/// A driver's tests call <see cref="EnsureReachable"/>, or the shortcut for their backend such as
/// <see cref="EnsureSwiftReachable"/>, before they create a driver, typically in the constructor.
/// When nothing responds, the test fails (it does not skip) with a message that names the URL, the
/// environment variable that overrides it, and <c>tests/services/start.sh</c>. The first check of
/// an endpoint waits at most <see cref="ReachTimeout"/>, and its result is reused for every later test.
/// </remarks>
public static class TestServices
{
    /// <summary>How long <see cref="EnsureReachable"/> waits for a response: 5 seconds.</summary>
    public static readonly TimeSpan ReachTimeout = TimeSpan.FromSeconds(5);

    private static readonly ConcurrentDictionary<string, Lazy<string?>> ReachFailures = new(StringComparer.Ordinal);

    /// <summary>Swift all-in-one: its native API, with tempauth (auth v1).</summary>
    public static string SwiftAuthUrl => Get("REGISTRY_TEST_SWIFT_AUTHURL", "http://127.0.0.1:6040/auth/v1.0");

    public static string SwiftUsername => Get("REGISTRY_TEST_SWIFT_USERNAME", "test:tester");

    public static string SwiftPassword => Get("REGISTRY_TEST_SWIFT_PASSWORD", "testing");

    public static bool SwiftIsEmulator => Environment.GetEnvironmentVariable("REGISTRY_TEST_SWIFT_AUTHURL") is null;

    public static bool S3IsSwiftEmulator => Environment.GetEnvironmentVariable("REGISTRY_TEST_S3_ENDPOINT") is null;

    /// <summary>S3: Swift's s3api middleware by default, the strictest S3 here.</summary>
    public static string S3Endpoint => Get("REGISTRY_TEST_S3_ENDPOINT", "http://127.0.0.1:6040");

    public static string S3AccessKey => Get("REGISTRY_TEST_S3_ACCESSKEY", "test:tester");

    public static string S3SecretKey => Get("REGISTRY_TEST_S3_SECRETKEY", "testing");

    public static string S3Region => Get("REGISTRY_TEST_S3_REGION", "us-east-1");

    public static string S3Bucket => Get("REGISTRY_TEST_S3_BUCKET", "registry-tests");

    public static bool S3IsEmulator => Environment.GetEnvironmentVariable("REGISTRY_TEST_S3_ENDPOINT") is null;

    /// <summary>s3rver, a second and looser S3 emulator. It checks no signature.</summary>
    public static string S3rverEndpoint => Get("REGISTRY_TEST_S3RVER_ENDPOINT", "http://127.0.0.1:6090");

    /// <summary>Azure Blob: Azurite's well-known development account unless a connection string is set.</summary>
    public static string AzureConnectionString => Get(
        "REGISTRY_TEST_AZURE_CONNECTIONSTRING",
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;");

    public static string AzureContainer => Get("REGISTRY_TEST_AZURE_CONTAINER", "registry-tests");

    public static bool AzureIsEmulator => Environment.GetEnvironmentVariable("REGISTRY_TEST_AZURE_CONNECTIONSTRING") is null;

    /// <summary>GCS: the firebase-tools storage emulator's JSON API unless a real bucket is set.</summary>
    public static string GcsEndpoint => Get("REGISTRY_TEST_GCS_ENDPOINT", "http://127.0.0.1:6062/");

    public static string GcsBucket => Get("REGISTRY_TEST_GCS_BUCKET", "registry-tests");

    /// <summary>A service account key file for a real bucket; unset against the emulator.</summary>
    public static string? GcsKeyFile => Environment.GetEnvironmentVariable("REGISTRY_TEST_GCS_KEYFILE");

    public static bool GcsIsEmulator => GcsKeyFile is null;

    /// <summary>
    /// Throws <see cref="TestServiceUnreachableException"/> unless a server returns an HTTP response,
    /// of any status, at <paramref name="endpoint"/>. <paramref name="variable"/> is the environment
    /// variable that overrides the endpoint, named in the message. The result is cached per endpoint.
    /// </summary>
    public static void EnsureReachable(string endpoint, string variable)
    {
        var failure = ReachFailures.GetOrAdd(endpoint, key => new Lazy<string?>(() => FindReachFailure(key))).Value;
        if (failure is not null)
        {
            throw new TestServiceUnreachableException(
                $"Nothing answers at {endpoint} ({failure}). Start the emulators with tests/services/start.sh, " +
                $"or set {variable} to a server that answers.");
        }
    }

    /// <summary>Checks the Swift proxy of <see cref="SwiftAuthUrl"/>.</summary>
    public static void EnsureSwiftReachable() => EnsureReachable(SwiftAuthUrl, "REGISTRY_TEST_SWIFT_AUTHURL");

    /// <summary>Checks the S3 endpoint of <see cref="S3Endpoint"/>.</summary>
    public static void EnsureS3Reachable() => EnsureReachable(S3Endpoint, "REGISTRY_TEST_S3_ENDPOINT");

    /// <summary>Checks s3rver at <see cref="S3rverEndpoint"/>.</summary>
    public static void EnsureS3rverReachable() => EnsureReachable(S3rverEndpoint, "REGISTRY_TEST_S3RVER_ENDPOINT");

    /// <summary>Checks the blob endpoint of <see cref="AzureConnectionString"/>.</summary>
    public static void EnsureAzureReachable() => EnsureReachable(AzureBlobEndpoint(AzureConnectionString), "REGISTRY_TEST_AZURE_CONNECTIONSTRING");

    /// <summary>Checks the GCS JSON API at <see cref="GcsEndpoint"/>.</summary>
    public static void EnsureGcsReachable() => EnsureReachable(GcsEndpoint, "REGISTRY_TEST_GCS_ENDPOINT");

    /// <summary>
    /// Returns the blob endpoint of an Azure Storage connection string: its <c>BlobEndpoint</c>, else
    /// the public endpoint of its <c>AccountName</c>.
    /// </summary>
    public static string AzureBlobEndpoint(string connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (parts.TryGetValue("BlobEndpoint", out var endpoint) && endpoint is string { Length: > 0 } blobEndpoint)
        {
            return blobEndpoint;
        }

        var suffix = parts.TryGetValue("EndpointSuffix", out var value) && value is string { Length: > 0 } text ? text : "core.windows.net";
        return $"https://{parts["AccountName"]}.blob.{suffix}/";
    }

    /// <summary>Returns null when a server sends an HTTP response at <paramref name="endpoint"/>, else why not.</summary>
    private static string? FindReachFailure(string endpoint)
    {
        using var client = new HttpClient { Timeout = ReachTimeout };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead);
            return null;
        }
        catch (HttpRequestException exception)
        {
            return exception.InnerException?.Message ?? exception.Message;
        }
        catch (TaskCanceledException)
        {
            return $"no response within {ReachTimeout.TotalSeconds} seconds";
        }
    }

    /// <summary>A prefix no other test uses, so tests run in parallel on one bucket and find what they left.</summary>
    public static string UniquePrefix(string driver) => $"registry-test-{driver}-{Guid.NewGuid():N}";

    private static string Get(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
