namespace Registry.Storage.Drivers.Swift;

/// <summary>One endpoint of the <c>object-store</c> service in a Keystone service catalog.</summary>
internal sealed record SwiftCatalogEndpoint(string Region, string Interface, string Url);

/// <summary>Picks the storage URL from a Keystone service catalog.</summary>
internal static class SwiftCatalog
{
    /// <summary>
    /// Returns the URL of the first endpoint whose interface is <paramref name="endpointType"/> (default <c>public</c>)
    /// and whose region is <paramref name="region"/>, or any region when none is configured.
    /// </summary>
    public static Uri SelectEndpoint(IEnumerable<SwiftCatalogEndpoint> endpoints, string region, string endpointType, Uri authUrl)
    {
        var requestedInterface = string.IsNullOrEmpty(endpointType) ? "public" : endpointType;
        foreach (var endpoint in endpoints)
        {
            if (!string.Equals(endpoint.Interface, requestedInterface, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (region.Length > 0 && !string.Equals(endpoint.Region, region, StringComparison.Ordinal))
            {
                continue;
            }

            if (Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url))
            {
                return url;
            }
        }

        var regionText = region.Length > 0 ? region : "any region";
        throw new SwiftAuthenticationException(
            $"the service catalog from {authUrl} has no {requestedInterface} object-store endpoint in {regionText}; check storage.swift.region and storage.swift.endpointtype");
    }
}
