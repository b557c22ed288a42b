using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Registry.Bench;

/// <summary>The commands that fill a registry before the measurements: put-image, fill-tags, fill-repos.</summary>
internal static class Setup
{
    /// <summary>The largest count that the five-digit names t00000 and PREFIX00000 allow.</summary>
    private const int MaxCount = 100_000;

    /// <summary>A one-layer image of a few hundred bytes, the same for every tag.</summary>
    private sealed record SmallImage(byte[] Config, byte[] Layer, byte[] Manifest)
    {
        public static SmallImage Create()
        {
            var (layer, diffId) = ImageLayout.BuildLayer(Encoding.UTF8.GetBytes("registry benchmark\n"), "hello.txt");
            var config = ImageLayout.BuildConfig([diffId]);
            return new SmallImage(config, layer, ImageLayout.BuildManifest(config, [layer]));
        }

        /// <summary>
        /// A manifest of the same config and no layer (image-spec v1.1 allows an empty list): a
        /// repository then needs one blob mount and one manifest PUT.
        /// </summary>
        public byte[] ConfigOnlyManifest() => ImageLayout.BuildManifest(Config, []);
    }

    /// <summary>Pushes an image with one layer of <c>--layer-size</c> random bytes under <c>--tag</c>.</summary>
    public static async Task<JsonObject> PutImageAsync(Options options, CancellationToken cancellationToken)
    {
        var repository = options.GetString("repo");
        var tag = options.GetString("tag");
        var payload = new byte[options.GetInt("layer-size")];
        RandomNumberGenerator.Fill(payload);
        var (layer, diffId) = ImageLayout.BuildLayer(payload, "payload.bin");
        var config = ImageLayout.BuildConfig([diffId]);
        var manifest = ImageLayout.BuildManifest(config, [layer]);

        using var client = new RegistryClient(options.GetRegistry(), connections: 1);
        await client.PushBlobAsync(repository, layer, cancellationToken);
        await client.PushBlobAsync(repository, config, cancellationToken);
        await client.PutManifestAsync(repository, tag, manifest, cancellationToken);

        return new JsonObject
        {
            ["layer_digest"] = RegistryClient.Digest(layer),
            ["layer_size"] = layer.Length,
            ["manifest_digest"] = RegistryClient.Digest(manifest),
        };
    }

    /// <summary>PUTs the small image's manifest under <c>--count</c> tags from <c>--concurrency</c> clients.</summary>
    public static async Task<JsonObject> FillTagsAsync(Options options, CancellationToken cancellationToken)
    {
        var repository = options.GetString("repo");
        var count = GetCount(options);
        var concurrency = options.GetInt("concurrency", 16);
        var image = SmallImage.Create();

        using var client = new RegistryClient(options.GetRegistry(), concurrency);
        await client.PushBlobAsync(repository, image.Layer, cancellationToken);
        await client.PushBlobAsync(repository, image.Config, cancellationToken);

        var clock = Stopwatch.StartNew();
        await RunParallelAsync(count, concurrency, cancellationToken,
            (i, token) => client.PutManifestAsync(repository, $"t{i:D5}", image.Manifest, token));
        clock.Stop();

        return new JsonObject
        {
            ["seconds"] = clock.Elapsed.TotalSeconds,
            ["requests_per_s"] = count / clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>
    /// Creates <c>--count</c> repositories, each with one small manifest tagged v1: the first gets
    /// the config blob uploaded, every other one mounts it from the first, then gets the manifest.
    /// </summary>
    public static async Task<JsonObject> FillReposAsync(Options options, CancellationToken cancellationToken)
    {
        var prefix = options.GetString("prefix");
        var count = GetCount(options);
        var concurrency = options.GetInt("concurrency", 16);
        var image = SmallImage.Create();
        var manifest = image.ConfigOnlyManifest();
        var first = $"{prefix}{0:D5}";

        using var client = new RegistryClient(options.GetRegistry(), concurrency);
        var clock = Stopwatch.StartNew();
        await client.PushBlobAsync(first, image.Config, cancellationToken);
        await client.PutManifestAsync(first, "v1", manifest, cancellationToken);

        await RunParallelAsync(count - 1, concurrency, cancellationToken, async (i, token) =>
        {
            var repository = $"{prefix}{i + 1:D5}";
            await client.MountBlobAsync(repository, first, image.Config, token);
            await client.PutManifestAsync(repository, "v1", manifest, token);
        });
        clock.Stop();

        return new JsonObject
        {
            ["seconds"] = clock.Elapsed.TotalSeconds,
            ["repositories_per_s"] = count / clock.Elapsed.TotalSeconds,
        };
    }

    private static int GetCount(Options options)
    {
        var count = options.GetInt("count");
        return count is > 0 and <= MaxCount
            ? count
            : throw new UsageException($"--count must be between 1 and {MaxCount}, got {count}");
    }

    /// <summary>Runs <paramref name="work"/> for 0..count-1 on <paramref name="concurrency"/> workers. The first failure stops them all.</summary>
    private static async Task RunParallelAsync(int count, int concurrency, CancellationToken cancellationToken, Func<int, CancellationToken, Task> work)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var next = -1;
        var workers = Enumerable.Range(0, Math.Max(1, concurrency)).Select(async _ =>
        {
            try
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    await work(i, failed.Token);
                }
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }).ToArray();

        // A failed worker's task is faulted, the ones it cancelled are cancelled, so awaiting
        // WhenAll throws the failure itself.
        await Task.WhenAll(workers);
    }
}
