using System.Text.Json.Nodes;
using Registry.Bench;

// bench-client: the measuring client of bench/run.sh. Each command does one job against one
// registry on the loopback interface and prints one JSON object on standard output.
// Errors go to standard error with exit code 1 (2 for invalid usage).

const string Usage = """
    usage: bench-client COMMAND [--option value ...]

    Every command that talks to a registry takes --registry http://127.0.0.1:PORT (only 127.0.0.1,
    localhost and [::1] are accepted) and --max-seconds S, the time after which it gives up (default 600).
    Sizes are in bytes.

      make-image   --dir DIR --sizes S1,S2,... [--tag v1]
                   Write an OCI image layout with one gzip layer (a tar of random bytes) per size.
      put-image    --registry URL --repo NAME --tag TAG --layer-size S
                   Push an image with one random layer of S bytes; print its digests.
      upload       --registry URL --repo NAME --size S --mode monolithic|streamed|chunked [--chunk-size 16384]
                   Upload a blob of fresh random bytes and time it from POST to the 201 of PUT.
      get-blob     --registry URL --repo NAME --digest D --size S --clients C --seconds T [--max-requests N]
                   GET one blob from C clients for T seconds; print the bytes per second received.
      fill-tags    --registry URL --repo NAME --count N [--concurrency 16]
                   PUT one small manifest under N tags t00000, t00001, ...
      fill-repos   --registry URL --prefix P --count N [--concurrency 16]
                   Create N repositories P00000, P00001, ... with one small manifest tagged v1 each.
      walk-tags    --registry URL --repo NAME --expect N --seconds T [--max-walks M] [--page-limit L]
                   List every tag of NAME (following Link headers) again and again for T seconds.
      walk-catalog --registry URL --prefix P --expect N --seconds T [--page 100] [--max-walks M] [--page-limit L]
                   Walk _catalog in pages of --page entries, again and again for T seconds.
                   --page-limit stops each walk after L pages and skips the --expect check.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

Options options;
try
{
    options = Options.Parse(args.AsSpan(1));
}
catch (UsageException e)
{
    Console.Error.WriteLine($"bench-client: {e.Message}");
    return 2;
}

try
{
    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.GetDouble("max-seconds", 600)));
    JsonObject result = args[0] switch
    {
        "make-image" => ImageLayout.Write(options.GetString("dir"), options.GetSizes("sizes"), options.GetString("tag", "v1")),
        "put-image" => await Setup.PutImageAsync(options, deadline.Token),
        "upload" => await Uploads.RunAsync(options, deadline.Token),
        "get-blob" => await Loads.GetBlobAsync(options, deadline.Token),
        "fill-tags" => await Setup.FillTagsAsync(options, deadline.Token),
        "fill-repos" => await Setup.FillReposAsync(options, deadline.Token),
        "walk-tags" => await Loads.WalkTagsAsync(options, deadline.Token),
        "walk-catalog" => await Loads.WalkCatalogAsync(options, deadline.Token),
        _ => throw new UsageException($"unknown command '{args[0]}'; run bench-client --help for the list"),
    };
    Console.WriteLine(result.ToJsonString());
    return 0;
}
catch (UsageException e)
{
    Console.Error.WriteLine($"bench-client {args[0]}: {e.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine($"bench-client {args[0]}: timed out after --max-seconds {options.GetDouble("max-seconds", 600)}");
    return 1;
}
catch (Exception e) when (e is BenchException or HttpRequestException or IOException)
{
    Console.Error.WriteLine($"bench-client {args[0]}: {e.Message}");
    return 1;
}
