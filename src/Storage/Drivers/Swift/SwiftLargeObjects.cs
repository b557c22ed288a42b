using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Storage.Drivers.Swift;

/// <summary>
/// Reads and writes large-object manifests. New large objects are static (SLO): a JSON list of segments PUT with
/// <c>?multipart-manifest=put</c>. Objects that distribution wrote are dynamic (DLO): an empty object whose
/// <c>X-Object-Manifest: container/prefix</c> header makes Swift serve every object under that prefix in name order.
/// </summary>
internal static class SwiftLargeObjects
{
    public const string PutManifestQuery = "multipart-manifest=put";

    public const string GetManifestQuery = "multipart-manifest=get";

    /// <summary>Returns what the object is made of, or null when it is missing.</summary>
    public static async Task<SwiftStoredObject?> DescribeAsync(SwiftObjectClient client, string name, string path, CancellationToken cancellationToken)
    {
        var info = await client.HeadAsync(name, path, cancellationToken);
        if (info is null)
        {
            return null;
        }

        if (info.IsStaticLargeObject)
        {
            var manifest = await client.GetBytesAsync(client.Container, name, GetManifestQuery, path, cancellationToken);
            return manifest is null ? null : new SwiftStoredObject(info, ParseStaticManifest(manifest));
        }

        if (info.DynamicManifest is { } dynamicManifest)
        {
            return new SwiftStoredObject(info, await ListDynamicSegmentsAsync(client, dynamicManifest, path, cancellationToken));
        }

        return new SwiftStoredObject(info, []);
    }

    /// <summary>Parses the manifest that <c>GET ?multipart-manifest=get</c> returns: rows of <c>name</c> (<c>/container/object</c>), <c>hash</c>, <c>bytes</c>.</summary>
    public static IReadOnlyList<SwiftSegment> ParseStaticManifest(byte[] manifest)
    {
        var segments = new List<SwiftSegment>();
        using var document = JsonDocument.Parse(manifest);
        foreach (var row in document.RootElement.EnumerateArray())
        {
            var fullName = row.GetProperty("name").GetString() ?? "";
            var (segmentContainer, segmentName) = SplitContainer(Uri.UnescapeDataString(fullName.TrimStart('/')));
            segments.Add(new SwiftSegment(segmentContainer, segmentName, row.GetProperty("hash").GetString() ?? "", row.GetProperty("bytes").GetInt64()));
        }

        return segments;
    }

    /// <summary>Serializes the body of <c>PUT ?multipart-manifest=put</c>.</summary>
    public static byte[] StaticManifestBody(IEnumerable<SwiftSegment> segments)
    {
        var rows = new JsonArray();
        foreach (var segment in segments)
        {
            rows.Add(new JsonObject { ["path"] = segment.ManifestPath, ["etag"] = segment.Etag, ["size_bytes"] = segment.Size });
        }

        return JsonSerializer.SerializeToUtf8Bytes(rows);
    }

    /// <summary>Splits <c>container/object</c> at its first slash.</summary>
    public static (string Container, string Name) SplitContainer(string value)
    {
        var slash = value.IndexOf('/');
        return slash < 0 ? (value, "") : (value[..slash], value[(slash + 1)..]);
    }

    /// <summary>
    /// Lists the segments of a DLO: every object under its prefix, in name order as Swift serves them.
    /// NOTE: a container listing may lag behind recent writes on a real cluster. Distribution v2.8 then probes
    /// missing segment numbers with HEAD, and this driver does not.
    /// </summary>
    private static async Task<IReadOnlyList<SwiftSegment>> ListDynamicSegmentsAsync(
        SwiftObjectClient client, string manifest, string path, CancellationToken cancellationToken)
    {
        var (segmentContainer, prefix) = SplitContainer(manifest);
        var segments = new List<SwiftSegment>();
        await foreach (var entry in client.ListAsync(segmentContainer, prefix, delimiter: null, path, cancellationToken))
        {
            segments.Add(new SwiftSegment(segmentContainer, entry.Name, entry.Hash, entry.Size));
        }

        return segments;
    }
}
