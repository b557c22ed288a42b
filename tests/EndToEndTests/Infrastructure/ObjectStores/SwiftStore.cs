using System.Net;
using System.Text.Json;

namespace Registry.EndToEndTests.Infrastructure.ObjectStores;

/// <summary>
/// A test's prefix in a container of the Swift all-in-one, through its native API with tempauth
/// (auth v1). distribution's swift driver writes its tree under <c>PREFIX/files/</c> and the
/// segments of large objects under <c>PREFIX/segments/</c>.
/// </summary>
public sealed class SwiftStore : ObjectStore
{
    private const string AuthUrl = "http://127.0.0.1:6040/auth/v1.0";
    private const string Username = "test:tester";
    private const string Password = "testing";

    // The container's TempURL key. Every test sets the same value, so parallel tests agree on it.
    private const string TempUrlKey = "registry-e2e-tempurl-key";

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private string? _token;
    private string? _storageUrl;

    public SwiftStore()
        : base(StoreBackend.Swift)
    {
    }

    public override string RegistryTreePrefix => $"{RootDirectory}/files/{RegistryTree}";

    public override string DriverYaml => $"""
        swift:
          authurl: {AuthUrl}
          username: {Yaml.Quote(Username)}
          password: {Password}
          container: {SharedBucket}
          prefix: {RootDirectory}
          secretkey: {TempUrlKey}
          tempurlcontainerkey: true
        """;

    public override string? RedirectUrlPrefix => $"http://127.0.0.1:6040/v1/AUTH_test/{SharedBucket}/{RootDirectory}/";

    /// <summary>Creates the container and sets its TempURL key, which signs the redirect URLs.</summary>
    public override async Task CreateBucketAsync()
    {
        using var request = await CreateRequestAsync(HttpMethod.Put, SharedBucket);
        request.Headers.Add("X-Container-Meta-Temp-URL-Key", TempUrlKey);
        using var response = await _http.SendAsync(request);
        await EnsureSuccessAsync(response, $"PUT container {SharedBucket}");
    }

    public override async Task<IReadOnlyList<string>> ListKeysAsync()
    {
        var keys = new List<string>();
        var marker = "";
        while (true)
        {
            var query = $"?format=json&prefix={Uri.EscapeDataString(RootDirectory + "/")}&marker={Uri.EscapeDataString(marker)}";
            using var request = await CreateRequestAsync(HttpMethod.Get, SharedBucket + query);
            using var response = await _http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return keys;
            }

            await EnsureSuccessAsync(response, $"GET container {SharedBucket}");
            var page = Json.Parse(await response.Content.ReadAsByteArrayAsync());
            var names = page.EnumerateArray().Select(item => item.GetProperty("name").GetString()!).ToList();
            if (names.Count == 0)
            {
                break;
            }

            keys.AddRange(names);
            marker = names[^1];
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    protected override async Task DeleteKeyAsync(string key)
    {
        using var request = await CreateRequestAsync(HttpMethod.Delete, $"{SharedBucket}/{EscapeObjectName(key)}");
        using var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, $"DELETE {key}");
        }
    }

    public override ValueTask DisposeAsync()
    {
        _http.Dispose();
        return base.DisposeAsync();
    }

    private static string EscapeObjectName(string key) => string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    private async Task<HttpRequestMessage> CreateRequestAsync(HttpMethod method, string pathAndQuery)
    {
        if (_token is null || _storageUrl is null)
        {
            using var auth = new HttpRequestMessage(HttpMethod.Get, AuthUrl);
            auth.Headers.Add("X-Auth-User", Username);
            auth.Headers.Add("X-Auth-Key", Password);
            using var response = await _http.SendAsync(auth);
            await EnsureSuccessAsync(response, $"GET {AuthUrl}");
            _token = response.Headers.GetValues("X-Auth-Token").Single();
            _storageUrl = response.Headers.GetValues("X-Storage-Url").Single();
        }

        var request = new HttpRequestMessage(method, $"{_storageUrl}/{pathAndQuery}");
        request.Headers.Add("X-Auth-Token", _token);
        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException($"Swift {operation} returned {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }
    }
}
