using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Registry.Storage.Drivers.Swift;

/// <summary>What the driver learned at start: the server's bulk-delete limit and the TempURL key and methods.</summary>
/// <param name="BulkDeleteMax">Objects per bulk-delete request, or 0 when the middleware is absent.</param>
/// <param name="TempUrlKey">The key that signs redirects, or null when there are no redirects.</param>
internal sealed record SwiftFeatures(int BulkDeleteMax, string? TempUrlKey, IReadOnlyList<string> TempUrlMethods);

/// <summary>
/// Prepares the store as distribution v2.8 does at start: creates the container when missing, reads <c>/info</c>,
/// and sets the TempURL key on the container (Swift 2.3.0 and later) or the account.
/// </summary>
internal static class SwiftStartup
{
    private const string ContainerKeyHeader = "X-Container-Meta-Temp-URL-Key";
    private const string AccountKeyHeader = "X-Account-Meta-Temp-URL-Key";

    public static async Task<SwiftFeatures> RunAsync(SwiftObjectClient client, SwiftDriverOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var session = await client.Connection.SessionAsync(cancellationToken);
        await EnsureContainerAsync(client, logger, cancellationToken);

        // /info needs no token and lives at the root of the storage URL's host.
        var infoUrl = new Uri(session.StorageUrl, "/info");
        var (bulkDeleteMax, containerKey, methods) = await ReadInfoAsync(client.Connection.Http, infoUrl, options, logger, cancellationToken);

        // NOTE: without secretkey this driver makes no redirects; distribution v2.8 instead generates a random key
        // per process, which replicas then overwrite in turn.
        string? tempUrlKey = null;
        if (options.SecretKey.Length > 0 && methods.Count > 0)
        {
            tempUrlKey = options.SecretKey;
            await SetTempUrlKeyAsync(client, options.SecretKey, containerKey, logger, cancellationToken);
        }

        SwiftLog.Started(logger, options.Container, session.StorageUrl, bulkDeleteMax > 0, tempUrlKey is not null);
        return new SwiftFeatures(bulkDeleteMax, tempUrlKey, methods);
    }

    private static async Task EnsureContainerAsync(SwiftObjectClient client, ILogger logger, CancellationToken cancellationToken)
    {
        using var head = await client.ContainerRequestAsync(HttpMethod.Head, new Dictionary<string, string>(), cancellationToken);
        if (head.StatusCode != HttpStatusCode.NotFound)
        {
            client.EnsureSuccess(head, "/");
            return;
        }

        using var create = await client.ContainerRequestAsync(HttpMethod.Put, new Dictionary<string, string>(), cancellationToken);
        client.EnsureSuccess(create, "/");
        SwiftLog.ContainerCreated(logger, client.Container);
    }

    /// <summary>Reads the bulk-delete limit, whether container keys exist (Swift 2.3.0 and later) and the TempURL methods.</summary>
    private static async Task<(int BulkDeleteMax, bool ContainerKey, IReadOnlyList<string> Methods)> ReadInfoAsync(
        HttpClient http, Uri infoUrl, SwiftDriverOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(infoUrl, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            SwiftLog.InfoUnavailable(logger, infoUrl.ToString(), (int)response.StatusCode);
            return (0, options.TempUrlContainerKey, options.TempUrlMethods);
        }

        using var info = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var root = info.RootElement;
        var bulkDeleteMax = root.TryGetProperty("bulk_delete", out var bulk) && bulk.TryGetProperty("max_deletes_per_request", out var max)
            ? max.GetInt32()
            : 0;
        var containerKey = root.TryGetProperty("swift", out var swift)
            && swift.TryGetProperty("version", out var version)
            && Version.TryParse(VersionPrefix(version.GetString() ?? ""), out var parsed)
            && parsed >= new Version(2, 3, 0);
        var methods = root.TryGetProperty("tempurl", out var tempUrl) && tempUrl.TryGetProperty("methods", out var list)
            ? list.EnumerateArray().Select(method => method.GetString() ?? "").ToList()
            : [];
        return (bulkDeleteMax, containerKey, methods);
    }

    // Versions such as "2.30.1.dev12" carry a suffix that Version.Parse rejects.
    private static string VersionPrefix(string version) =>
        string.Join('.', version.Split('.').TakeWhile(part => part.All(char.IsAsciiDigit) && part.Length > 0).Take(3));

    private static async Task SetTempUrlKeyAsync(SwiftObjectClient client, string key, bool containerKey, ILogger logger, CancellationToken cancellationToken)
    {
        var header = containerKey ? ContainerKeyHeader : AccountKeyHeader;
        var none = new Dictionary<string, string>();
        using (var head = containerKey
            ? await client.ContainerRequestAsync(HttpMethod.Head, none, cancellationToken)
            : await client.AccountRequestAsync(HttpMethod.Head, none, cancellationToken))
        {
            client.EnsureSuccess(head, "/");
            if (head.Headers.TryGetValues(header, out var current) && current.FirstOrDefault() == key)
            {
                return;
            }
        }

        var set = new Dictionary<string, string> { [header] = key };
        using var post = containerKey
            ? await client.ContainerRequestAsync(HttpMethod.Post, set, cancellationToken)
            : await client.AccountRequestAsync(HttpMethod.Post, set, cancellationToken);
        client.EnsureSuccess(post, "/");
        SwiftLog.TempUrlKeySet(logger, containerKey ? "container" : "account");
    }
}
