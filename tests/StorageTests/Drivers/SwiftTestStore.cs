using System.Net.Http.Headers;
using System.Text.Json;
using Registry.Storage.Drivers.Swift;
using Registry.StorageTests.Services;

namespace Registry.StorageTests.Drivers;

/// <summary>The Swift container of the tests, reached with raw HTTP to check what the driver stored.</summary>
internal static class SwiftTestStore
{
    public const string Container = "registry-tests-swift";

    public static SwiftDriverOptions Options(string prefix, long chunkSize, string secretKey = "") => new()
    {
        AuthUrl = TestServices.SwiftAuthUrl,
        Username = TestServices.SwiftUsername,
        Password = TestServices.SwiftPassword,
        Container = Container,
        Prefix = prefix,
        ChunkSize = chunkSize,
        SecretKey = secretKey,
    };

    /// <summary>Authenticates with auth v1 and returns the storage URL and token.</summary>
    public static async Task<(string StorageUrl, string Token)> AuthenticateAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, TestServices.SwiftAuthUrl);
        request.Headers.Add("X-Auth-User", TestServices.SwiftUsername);
        request.Headers.Add("X-Auth-Key", TestServices.SwiftPassword);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (response.Headers.GetValues("X-Storage-Url").First(), response.Headers.GetValues("X-Auth-Token").First());
    }

    /// <summary>Sends one request to <c>&lt;storage URL&gt;/&lt;container&gt;/&lt;name&gt;</c> with the token.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string name, byte[]? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var http = new HttpClient();
        var (storageUrl, token) = await AuthenticateAsync(http);
        using var request = new HttpRequestMessage(method, $"{storageUrl}/{Container}/{name}");
        request.Headers.Add("X-Auth-Token", token);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        foreach (var (header, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Lists every object name under <c>&lt;prefix&gt;/</c>, following <c>marker</c> across pages.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(string prefix)
    {
        var names = new List<string>();
        var marker = "";
        while (true)
        {
            using var response = await SendAsync(
                HttpMethod.Get, $"?format=json&prefix={Uri.EscapeDataString(prefix + "/")}&marker={Uri.EscapeDataString(marker)}");
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return names;
            }

            response.EnsureSuccessStatusCode();
            using var page = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            var rows = page.RootElement.EnumerateArray().Select(row => row.GetProperty("name").GetString()!).ToList();
            if (rows.Count == 0)
            {
                return names;
            }

            names.AddRange(rows);
            marker = rows[^1];
        }
    }
}
