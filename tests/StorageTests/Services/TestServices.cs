namespace Registry.StorageTests.Services;

/// <summary>
/// Where the storage servers of the tests listen. Each value comes from an environment variable
/// and defaults to the emulator that <c>tests/services/start.sh</c> starts on 127.0.0.1. Setting
/// the variables of one backend points its tests at a real account instead; the tests then skip
/// nothing for that backend, since emulator gaps apply only to the emulators.
/// </summary>
public static class TestServices
{
    /// <summary>Swift all-in-one: its native API, with tempauth (auth v1).</summary>
    public static string SwiftAuthUrl => Get("REGISTRY_TEST_SWIFT_AUTHURL", "http://127.0.0.1:6040/auth/v1.0");

    public static string SwiftUsername => Get("REGISTRY_TEST_SWIFT_USERNAME", "test:tester");

    public static string SwiftPassword => Get("REGISTRY_TEST_SWIFT_PASSWORD", "testing");

    public static bool SwiftIsEmulator => Environment.GetEnvironmentVariable("REGISTRY_TEST_SWIFT_AUTHURL") is null;

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

    /// <summary>A prefix no other test uses, so tests run in parallel on one bucket and find what they left.</summary>
    public static string UniquePrefix(string driver) => $"registry-test-{driver}-{Guid.NewGuid():N}";

    private static string Get(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
