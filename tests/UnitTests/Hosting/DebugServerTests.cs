using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Silo.Hosting;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.InMemory;
using Registry.Storage.Middleware;

namespace Registry.UnitTests.Hosting;

/// <summary>The debug server: storage health at <c>/debug/health</c> and Prometheus metrics, on a listener of its own.</summary>
public sealed class DebugServerTests
{
    [Fact]
    public async Task Health_FreshStorage_IsHealthyWithEmptyObject()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions { Debug = new DebugServerOptions { Address = "127.0.0.1:0" } });
        using var client = new HttpClient { BaseAddress = DebugAddress(host) };

        using var response = await client.GetAsync(DebugServer.HealthPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_StorageFails_Returns503WithDriverError()
    {
        var server = new DebugServer(
            new DebugServerOptions { Address = "127.0.0.1:0" }, new FailingStatDriver(), metrics: null, NullLoggerFactory.Instance);
        await server.StartAsync(CancellationToken.None);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(server.Addresses.First()) };

            using var response = await client.GetAsync(DebugServer.HealthPath);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains("disk on fire", body.RootElement.GetProperty("storagedriver_failing").GetString());
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Metrics_Disabled_NotServed()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions { Debug = new DebugServerOptions { Address = "127.0.0.1:0" } });
        using var client = new HttpClient { BaseAddress = DebugAddress(host) };

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterPush_AreCounted()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions
        {
            Debug = new DebugServerOptions { Address = "127.0.0.1:0", PrometheusEnabled = true, PrometheusPath = "/custom/metrics" },
        });
        using var api = new HttpClient { BaseAddress = new Uri(host.Address) };
        using var debug = new HttpClient { BaseAddress = DebugAddress(host) };
        var blob = RandomNumberGenerator.GetBytes(3000);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(blob));

        using var start = await api.PostAsync("/v2/team/app/blobs/uploads/", null);
        using var patch = await api.PatchAsync(start.Headers.Location, new ByteArrayContent(blob));
        using var put = await api.PutAsync($"{patch.Headers.Location}?digest={digest}", null);
        using var get = await api.GetAsync($"/v2/team/app/blobs/{digest}");
        using var missing = await api.GetAsync("/v2/team/app/manifests/missing");
        var text = await ScrapeUntilAsync(
            debug, "/custom/metrics", "registry_http_requests_total{handler=\"manifest\",method=\"GET\",code=\"404\"}", 1);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(1, Sample(text, "registry_http_requests_total{handler=\"blob_upload\",method=\"POST\",code=\"202\"}"));
        Assert.Equal(1, Sample(text, "registry_http_requests_total{handler=\"blob_upload_chunk\",method=\"PATCH\",code=\"202\"}"));
        Assert.Equal(1, Sample(text, "registry_http_requests_total{handler=\"blob\",method=\"GET\",code=\"200\"}"));
        Assert.Equal(1, Sample(text, "registry_http_requests_total{handler=\"manifest\",method=\"GET\",code=\"404\"}"));
        Assert.Equal(1, Sample(text, "registry_http_request_duration_seconds_count{handler=\"blob\",method=\"GET\"}"));
        Assert.Equal(blob.Length, Sample(text, "registry_http_received_bytes_total{handler=\"blob_upload_chunk\"}"));
        Assert.Equal(blob.Length, Sample(text, "registry_http_sent_bytes_total{handler=\"blob\"}"));
        Assert.Equal(1, Sample(text, "registry_uploads_started_total"));
        Assert.Equal(1, Sample(text, "registry_uploads_completed_total"));
        Assert.Equal(0, Sample(text, "registry_uploads_failed_total"));
        Assert.True(Sample(text, "registry_grain_call_duration_seconds_count") > 0, "no grain call was counted");

        // Orleans' meter is process-wide: the activation gauge also follows the other test hosts of
        // this process, which activate and deactivate grains in parallel, so only its presence is
        // checked here. One registry per process, as in production, reports its own count.
        Assert.NotNull(TryGetSample(text, "registry_grain_activations"));
        Assert.True(Sample(text, "process_cpu_seconds_total") > 0, "process metrics are missing");
    }

    [Fact]
    public async Task Metrics_FailedChunk_CountsFailedUpload()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions
        {
            Debug = new DebugServerOptions { Address = "127.0.0.1:0", PrometheusEnabled = true },
        });
        using var api = new HttpClient { BaseAddress = new Uri(host.Address) };
        using var debug = new HttpClient { BaseAddress = DebugAddress(host) };

        using var patch = await api.PatchAsync($"/v2/team/app/blobs/uploads/{Guid.NewGuid():D}", new ByteArrayContent([1, 2, 3]));
        var text = await ScrapeUntilAsync(debug, "/metrics", "registry_uploads_failed_total", 1);

        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal(1, Sample(text, "registry_uploads_failed_total"));
        Assert.Equal(0, Sample(text, "registry_uploads_started_total"));
    }

    [Fact]
    public async Task Metrics_Scrape_IsPrometheusText()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions
        {
            Debug = new DebugServerOptions { Address = "127.0.0.1:0", PrometheusEnabled = true },
        });
        using var debug = new HttpClient { BaseAddress = DebugAddress(host) };

        using var response = await debug.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("# TYPE registry_http_requests_total counter", text);
        Assert.Contains("# TYPE registry_http_request_duration_seconds histogram", text);
    }

    /// <summary>
    /// Scrapes until <paramref name="series"/> reaches <paramref name="expected"/>, because the
    /// middleware records a request after its response was sent, so a scrape right after the last
    /// response can come before it.
    /// </summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient debug, string path, string series, double expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var text = await debug.GetStringAsync(path);
            if (TryGetSample(text, series) == expected || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    private static Uri DebugAddress(HostRunner host)
    {
        var server = host.App.Services.GetServices<IHostedService>().OfType<DebugServer>().Single();
        return new Uri(server.Addresses.First());
    }

    /// <summary>Returns the value of the sample whose name and labels are exactly <paramref name="series"/>, and fails when it is absent.</summary>
    private static double Sample(string exposition, string series) =>
        TryGetSample(exposition, series) ?? throw new Xunit.Sdk.XunitException($"the metrics have no sample {series}:\n{exposition}");

    private static double? TryGetSample(string exposition, string series)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>An in-memory driver whose stat fails, as a broken disk or an unreachable bucket would.</summary>
    private sealed class FailingStatDriver() : StorageDriverDecorator(new InMemoryDriver())
    {
        public override string Name => "failing";

        public override Task<StorageFileInfo> StatAsync(string path, CancellationToken cancellationToken = default) =>
            throw new StorageDriverException(Name, path, "disk on fire");
    }
}
