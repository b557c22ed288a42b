using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Bench;

/// <summary>The read workloads that bench/run.sh does not leave to hey: get-blob, walk-tags, walk-catalog.</summary>
internal static class Loads
{
    /// <summary>
    /// GETs one blob from <c>--clients</c> kept-alive connections until <c>--seconds</c> have passed
    /// (requests in flight then are finished and counted) or <c>--max-requests</c> were sent.
    /// </summary>
    public static async Task<JsonObject> GetBlobAsync(Options options, CancellationToken cancellationToken)
    {
        var repository = options.GetString("repo");
        var digest = options.GetString("digest");
        var size = options.GetLong("size");
        var clients = options.GetInt("clients");
        var duration = TimeSpan.FromSeconds(options.GetDouble("seconds", 5));
        var maxRequests = options.GetLong("max-requests", 100_000);

        using var client = new RegistryClient(options.GetRegistry(), clients);
        long issued = 0;
        long received = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(async _ =>
        {
            var buffer = new byte[256 * 1024];
            while (clock.Elapsed < duration && Interlocked.Increment(ref issued) <= maxRequests)
            {
                using var response = await client.Http.GetAsync($"v2/{repository}/blobs/{digest}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await RegistryClient.ExpectAsync(response, HttpStatusCode.OK, $"GET blob {digest}", cancellationToken);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                long length = 0;
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    length += read;
                }

                if (length != size)
                {
                    throw new BenchException($"GET blob {digest}: received {length} bytes, expected {size}");
                }

                Interlocked.Add(ref received, length);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();

        return new JsonObject
        {
            ["seconds"] = clock.Elapsed.TotalSeconds,
            ["requests"] = received / size,
            ["mib_per_s"] = received / 1048576.0 / clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>Lists every tag of <c>--repo</c>, following <c>Link</c> headers, until <c>--seconds</c> have passed.</summary>
    public static Task<JsonObject> WalkTagsAsync(Options options, CancellationToken cancellationToken)
    {
        var repository = options.GetString("repo");
        return WalkAsync(options, $"v2/{repository}/tags/list", "tags", prefix: "", cancellationToken);
    }

    /// <summary>Walks <c>_catalog</c> in pages of <c>--page</c> entries until <c>--seconds</c> have passed.</summary>
    public static Task<JsonObject> WalkCatalogAsync(Options options, CancellationToken cancellationToken)
    {
        var page = options.GetInt("page", 100);
        return WalkAsync(options, $"v2/_catalog?n={page}", "repositories", options.GetString("prefix"), cancellationToken);
    }

    /// <summary>
    /// Runs full listings from one client, one after another, at least once and then until
    /// <c>--seconds</c> have passed or <c>--max-walks</c> are done. Each listing must return
    /// exactly <c>--expect</c> distinct names that start with <paramref name="prefix"/>, unless
    /// <c>--page-limit</c> stops it early.
    /// </summary>
    private static async Task<JsonObject> WalkAsync(Options options, string firstPage, string property, string prefix, CancellationToken cancellationToken)
    {
        var expected = options.GetInt("expect");
        var duration = TimeSpan.FromSeconds(options.GetDouble("seconds", 5));
        var maxWalks = options.GetInt("max-walks", 100_000);

        // --page-limit cuts every walk short and skips the --expect check: a warm-up that should
        // not wait for a full walk of a slow registry.
        var pageLimit = options.GetInt("page-limit", 0);

        // A registry whose Link headers loop would otherwise walk until --max-seconds.
        var maxPages = expected + 100;

        using var client = new RegistryClient(options.GetRegistry(), connections: 1);
        var walks = 0;
        var pages = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            Uri? next = new(client.BaseAddress, firstPage);
            var walkPages = 0;
            while (next is not null && (pageLimit == 0 || walkPages < pageLimit))
            {
                if (++walkPages > maxPages)
                {
                    throw new BenchException($"GET {firstPage}: more than {maxPages} pages, the Link headers may loop");
                }

                using var response = await client.Http.GetAsync(next, cancellationToken);
                await RegistryClient.ExpectAsync(response, HttpStatusCode.OK, $"GET {next.PathAndQuery}", cancellationToken);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
                if (document.RootElement.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in list.EnumerateArray())
                    {
                        var name = item.GetString() ?? "";
                        if (name.StartsWith(prefix, StringComparison.Ordinal) && !names.Add(name))
                        {
                            throw new BenchException($"GET {firstPage}: '{name}' was listed twice in one walk");
                        }
                    }
                }

                next = client.NextPage(response);
            }

            if (pageLimit == 0 && names.Count != expected)
            {
                throw new BenchException($"GET {firstPage}: one walk listed {names.Count} names starting with '{prefix}', expected {expected}");
            }

            walks++;
            pages += walkPages;
        }
        while (clock.Elapsed < duration && walks < maxWalks);
        clock.Stop();

        return new JsonObject
        {
            ["seconds"] = clock.Elapsed.TotalSeconds,
            ["walks"] = walks,
            ["pages_per_walk"] = (double)pages / walks,
            ["walks_per_s"] = walks / clock.Elapsed.TotalSeconds,
        };
    }
}
