using System.Text.Json;
using Registry.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Registry.EndToEndTests;

/// <summary>
/// <c>storage.maintenance.readonly.enabled</c>: a registry restarted in read-only mode on storage
/// that already contains an image rejects every write with 405 <c>UNSUPPORTED</c>, keeps the image
/// and still serves pulls.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ReadOnlyTests(ITestOutputHelper output) : IDisposable
{
    private const string ReadOnlyYaml = "maintenance:\n  readonly:\n    enabled: true\n";
    private static readonly string[] LayerSizes = ["256K", "512K"];

    private readonly TestWorkspace _workspace = new(output);

    private Skopeo Skopeo => _workspace.Skopeo;

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task ReadOnly_RejectsWrites_ServesPulls()
    {
        var storage = _workspace.CreateDirectory("storage");
        var existing = await TestImage.CreateAsync(output, _workspace.CreateDirectory("existing-image"), "v1", "readonly-existing", LayerSizes);
        var writable = await _workspace.StartRegistryUnderTestAsync(storage);
        await Skopeo.CopyAsync(existing.OciReference, Skopeo.Docker(writable, "e2e/app:v1"));
        await writable.StopAsync();

        var registry = await _workspace.StartRegistryUnderTestAsync(storage, new ServerOptions { StorageYaml = ReadOnlyYaml });
        var curl = new Curl(output, _workspace.CreateDirectory("curl"));
        var added = await TestImage.CreateAsync(output, _workspace.CreateDirectory("new-image"), "v2", "readonly-new", LayerSizes);

        var push = await Tool.RunUncheckedAsync(
            output, "skopeo", ["copy", "--dest-tls-verify=false", added.OciReference, Skopeo.Docker(registry, "e2e/app:v2")], TimeSpan.FromMinutes(3));
        Assert.True(push.ExitCode != 0, $"a push to the read-only registry succeeded:\n{push.Describe()}");
        Assert.True(push.StandardError.Contains("unsupported", StringComparison.OrdinalIgnoreCase), $"skopeo does not report UNSUPPORTED:\n{push.Describe()}");

        var manifestFile = Path.Combine(_workspace.Path, "manifest.json");
        await File.WriteAllBytesAsync(manifestFile, existing.ManifestBytes);
        (string Method, string Path, string[] Arguments)[] writes =
        [
            ("POST", "/v2/e2e/app/blobs/uploads/", []),
            ("POST", $"/v2/e2e/other/blobs/uploads/?mount={existing.LayerDigests[0]}&from=e2e/app", []),
            ("PUT", "/v2/e2e/app/manifests/v3", ["--header", $"Content-Type: {MediaTypes.OciManifest}", "--data-binary", $"@{manifestFile}"]),
            ("DELETE", $"/v2/e2e/app/manifests/{existing.Digest}", []),
            ("DELETE", $"/v2/e2e/app/blobs/{existing.LayerDigests[0]}", []),
        ];
        var responses = new List<(string Method, string Path, CurlResult Response)>();
        foreach (var (method, path, arguments) in writes)
        {
            var response = await curl.SendAsync($"{registry.BaseUrl}{path}", ["--request", method, .. arguments]);
            responses.Add((method, path, response));

            Assert.True(response.Status == 405, $"{method} {path}: expected 405:\n{response.Describe()}");
            Assert.Equal("UNSUPPORTED", ErrorCode(response));
        }

        var pulledDirectory = Path.Combine(_workspace.Path, "pulled");
        await Skopeo.CopyAsync(Skopeo.Docker(registry, "e2e/app:v1"), $"oci:{pulledDirectory}:v1");
        var pulled = new OciLayout(pulledDirectory);
        Assert.Equal(existing.Digest, pulled.ResolveTag("v1"));
        OciLayout.AssertSameBlobs(existing.Layout, pulled);
        Assert.Equal(["v1"], await Skopeo.ListTagsAsync(Skopeo.Docker(registry, "e2e/app")));

        // RFC 9110 section 15.5.6: a 405 response must list the methods the resource supports.
        // distribution v2.8.2 sends "Allow: GET, HEAD" in read-only mode.
        foreach (var (method, path, response) in responses)
        {
            var allow = response.Header("Allow");
            Assert.True(allow is not null, $"{method} {path}: the 405 response has no Allow header:\n{response.Describe()}");
            Assert.DoesNotContain(method, allow.Split(',', StringSplitOptions.TrimEntries));
        }
    }

    private static string? ErrorCode(CurlResult response)
    {
        using var body = JsonDocument.Parse(response.Body);
        return body.RootElement.GetProperty("errors")[0].GetProperty("code").GetString();
    }
}
