using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Gateway.StorageMiddleware;

/// <summary>
/// The AWS address ranges (the <c>ip-ranges.json</c> format AWS publishes), filtered to some regions
/// or to none. Until a first list has loaded, no address is in AWS, so every client gets CloudFront.
/// </summary>
public sealed class AwsIpRanges(Uri source, IReadOnlyList<string> regions)
{
    // Replaced whole on each load, so readers never see a half-built list.
    private volatile IReadOnlyList<IPNetwork>? _networks;

    /// <summary>Where the list is fetched from (<c>iprangesurl</c>).</summary>
    public Uri Source { get; } = source;

    /// <summary>Whether a list has loaded at least once.</summary>
    public bool IsLoaded => _networks is not null;

    /// <summary>Whether <paramref name="address"/> is in a loaded range; false before the first load.</summary>
    public bool Contains(IPAddress address)
    {
        var networks = _networks;
        if (networks is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in networks)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Fetches the list from <see cref="Source"/> and replaces the ranges; returns the number of ranges
    /// kept and the number of unparsable prefixes skipped. The ranges are unchanged when it throws.
    /// </summary>
    /// <exception cref="HttpRequestException">The request failed or the status was not 200.</exception>
    /// <exception cref="JsonException">The body is not the expected JSON.</exception>
    public async Task<(int Kept, int Skipped)> LoadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(Source, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"fetching AWS address ranges from {Source} returned status {(int)response.StatusCode}", null, response.StatusCode);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var document = await JsonSerializer.DeserializeAsync(body, AwsIpRangesJsonContext.Default.AwsIpRangesDocument, cancellationToken)
            ?? throw new JsonException($"AWS address ranges from {Source} are null");

        var networks = new List<IPNetwork>();
        var skipped = 0;
        var prefixes = (document.Prefixes ?? []).Select(entry => (entry.IpV4Prefix, entry.Region))
            .Concat((document.V6Prefixes ?? []).Select(entry => (entry.IpV6Prefix, entry.Region)));
        foreach (var (prefix, region) in prefixes)
        {
            if (regions.Count > 0 && !regions.Contains(region ?? "", StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (IPNetwork.TryParse(prefix, out var network))
            {
                networks.Add(network);
            }
            else
            {
                skipped++;
            }
        }

        _networks = networks;
        return (networks.Count, skipped);
    }
}

/// <summary>The fields of <c>ip-ranges.json</c> that the filter reads.</summary>
internal sealed record AwsIpRangesDocument(
    [property: JsonPropertyName("prefixes")] IReadOnlyList<AwsIpPrefix>? Prefixes,
    [property: JsonPropertyName("ipv6_prefixes")] IReadOnlyList<AwsIpPrefix>? V6Prefixes);

/// <summary>One range of <c>ip-ranges.json</c>; an IPv4 entry has <c>ip_prefix</c>, an IPv6 entry <c>ipv6_prefix</c>.</summary>
internal sealed record AwsIpPrefix(
    [property: JsonPropertyName("ip_prefix")] string? IpV4Prefix,
    [property: JsonPropertyName("ipv6_prefix")] string? IpV6Prefix,
    [property: JsonPropertyName("region")] string? Region);

[JsonSerializable(typeof(AwsIpRangesDocument))]
internal sealed partial class AwsIpRangesJsonContext : JsonSerializerContext;
