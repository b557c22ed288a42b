using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Registry.Bench;

/// <summary>The <c>upload</c> command: one blob of fresh random bytes, timed from POST to the 201 of PUT.</summary>
internal static class Uploads
{
    public static async Task<JsonObject> RunAsync(Options options, CancellationToken cancellationToken)
    {
        var repository = options.GetString("repo");
        var size = options.GetInt("size");
        var mode = options.GetString("mode");
        var chunkSize = options.GetInt("chunk-size", 16 * 1024);
        if (size <= 0 || chunkSize <= 0)
        {
            throw new UsageException("--size and --chunk-size must be positive");
        }

        if (mode is not ("monolithic" or "streamed" or "chunked"))
        {
            throw new UsageException($"--mode must be monolithic, streamed or chunked, got '{mode}'");
        }

        var data = new byte[size];
        RandomNumberGenerator.Fill(data);
        var digest = RegistryClient.Digest(data);

        using var client = new RegistryClient(options.GetRegistry(), connections: 1);

        // Open the kept-alive connection before the clock starts.
        using (var ping = await client.Http.GetAsync("v2/", cancellationToken))
        {
            ping.EnsureSuccessStatusCode();
        }

        var requests = 0;
        var clock = Stopwatch.StartNew();
        var location = await client.StartUploadAsync(repository, cancellationToken);
        requests++;
        switch (mode)
        {
            case "monolithic":
                await client.FinishUploadAsync(location, digest, data, cancellationToken);
                requests++;
                break;

            case "streamed":
                location = await client.PatchAsync(location, data, offset: null, cancellationToken);
                await client.FinishUploadAsync(location, digest, ReadOnlyMemory<byte>.Empty, cancellationToken);
                requests += 2;
                break;

            case "chunked":
                for (var offset = 0; offset < size; offset += chunkSize)
                {
                    var chunk = data.AsMemory(offset, Math.Min(chunkSize, size - offset));
                    location = await client.PatchAsync(location, chunk, offset, cancellationToken);
                    requests++;
                }

                await client.FinishUploadAsync(location, digest, ReadOnlyMemory<byte>.Empty, cancellationToken);
                requests++;
                break;
        }

        clock.Stop();

        var stored = await client.HeadBlobAsync(repository, digest, cancellationToken);
        if (stored != size)
        {
            throw new BenchException($"HEAD {digest} after the upload: Content-Length {stored}, expected {size}");
        }

        return new JsonObject
        {
            ["seconds"] = clock.Elapsed.TotalSeconds,
            ["mib_per_s"] = size / 1048576.0 / clock.Elapsed.TotalSeconds,
            ["requests"] = requests,
            ["digest"] = digest,
        };
    }
}
