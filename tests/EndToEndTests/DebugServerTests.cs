using System.Diagnostics;
using System.Globalization;
using System.Net;
using Registry.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Registry.EndToEndTests;

/// <summary>
/// The debug server of a real <c>registry serve</c> process (<c>http.debug.addr</c>): storage
/// health at <c>/debug/health</c>, and Prometheus metrics that move when skopeo pushes.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DebugServerTests(ITestOutputHelper output) : IDisposable
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    private readonly TestWorkspace _workspace = new(output);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Health_FreshFilesystemRegistry_IsHealthy()
    {
        var registry = await StartAsync();

        using var response = await Http.GetAsync($"http://127.0.0.1:{registry.DebugPort}/debug/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DebugPaths_AreNotServedOnApiPort()
    {
        var registry = await StartAsync();

        using var health = await Http.GetAsync($"http://{registry.Address}/debug/health");
        using var metrics = await Http.GetAsync($"http://{registry.Address}/metrics");

        Assert.Equal(HttpStatusCode.NotFound, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterSkopeoPush_Change()
    {
        var registry = await StartAsync();
        var image = await TestImage.CreateAsync(output, _workspace.CreateDirectory("image"), "v1", "debug-metrics", ["1M", "2M"]);
        var before = await ScrapeAsync(registry);

        await _workspace.Skopeo.CopyAsync(image.OciReference, Skopeo.Docker(registry.Server, "e2e/metrics:v1"));
        var after = await ScrapeUntilAsync(registry, "registry_http_requests_total{handler=\"manifest\",method=\"PUT\",code=\"201\"}", 1);

        var blobs = image.LayerDigests.Count + 1;
        Assert.Equal(0, Sample(before, "registry_uploads_completed_total"));
        Assert.Equal(blobs, Sample(after, "registry_uploads_completed_total"));
        Assert.Equal(blobs, Sample(after, "registry_uploads_started_total"));
        Assert.Equal(1, Sample(after, "registry_http_requests_total{handler=\"manifest\",method=\"PUT\",code=\"201\"}"));
        Assert.True(Sample(after, "registry_http_received_bytes_total{handler=\"blob_upload_chunk\"}") >= 3 * 1024 * 1024, "fewer bytes received than the layers hold");
        Assert.True(Sample(after, "registry_grain_call_duration_seconds_count") > Sample(before, "registry_grain_call_duration_seconds_count"), "no grain call was counted");
    }

    /// <summary>
    /// Starts the registry on a filesystem root with a debug server on a second free port and
    /// Prometheus metrics enabled at <c>/metrics</c>.
    /// </summary>
    private async Task<DebugRegistry> StartAsync()
    {
        var debugPort = ServerProcess.ReserveFreePort();
        var options = new ServerOptions
        {
            HttpYaml = $"debug:\n  addr: 127.0.0.1:{debugPort}\n  prometheus:\n    enabled: true\n    path: /metrics\n",
        };
        var server = await _workspace.StartRegistryAsync(_workspace.CreateDirectory("storage"), options);
        return new DebugRegistry(server, debugPort);
    }

    private static async Task<string> ScrapeAsync(DebugRegistry registry)
    {
        using var response = await Http.GetAsync($"http://127.0.0.1:{registry.DebugPort}/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics returned {(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>
    /// Scrapes until <paramref name="series"/> reaches <paramref name="expected"/> or 10 seconds
    /// pass, because a request is recorded after its response was sent.
    /// </summary>
    private static async Task<string> ScrapeUntilAsync(DebugRegistry registry, string series, double expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var text = await ScrapeAsync(registry);
            if (Sample(text, series) == expected || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                return text;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>Returns the sample of <paramref name="series"/> (name and exact labels), or 0 when the series does not exist yet.</summary>
    private static double Sample(string exposition, string series)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>A running registry and the port of its debug server.</summary>
    private sealed record DebugRegistry(ServerProcess Server, int DebugPort)
    {
        public string Address => Server.Address;
    }
}
