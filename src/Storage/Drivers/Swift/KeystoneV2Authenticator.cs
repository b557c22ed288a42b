using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.Storage.Drivers.Swift;

/// <summary>
/// Keystone identity v2.0: <c>POST &lt;authurl&gt;/tokens</c> with password credentials and a tenant name or ID; the
/// token is <c>access.token.id</c> and the storage URL comes from the <c>object-store</c> entry of <c>access.serviceCatalog</c>.
/// </summary>
internal sealed class KeystoneV2Authenticator(SwiftDriverOptions options) : ISwiftAuthenticator
{
    public int Version => 2;

    public async Task<SwiftSession> AuthenticateAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var url = TokensUrl(options.AuthUrl);
        using var response = await http.PostAsJsonAsync(url, RequestBody(options), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw SwiftAuthenticators.Failure(url, response);
        }

        var body = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
        var access = body?["access"];
        var token = access?["token"]?["id"]?.GetValue<string>();
        if (access is null || string.IsNullOrEmpty(token))
        {
            throw new SwiftAuthenticationException($"authentication at {url} returned no access.token.id");
        }

        var tenantId = access["token"]?["tenant"]?["id"]?.GetValue<string>() ?? options.TenantId;
        var storageUrl = SwiftCatalog.SelectEndpoint(Endpoints(access), options.Region, options.EndpointType, url);
        return new SwiftSession(storageUrl, token, tenantId);
    }

    internal static Uri TokensUrl(string authUrl)
    {
        var trimmed = authUrl.TrimEnd('/');
        return new Uri(trimmed.EndsWith("/tokens", StringComparison.Ordinal) ? trimmed : trimmed + "/tokens");
    }

    internal static JsonObject RequestBody(SwiftDriverOptions options)
    {
        var auth = new JsonObject
        {
            ["passwordCredentials"] = new JsonObject { ["username"] = options.Username, ["password"] = options.Password },
        };
        if (options.TenantId.Length > 0)
        {
            auth["tenantId"] = options.TenantId;
        }
        else if (options.Tenant.Length > 0)
        {
            auth["tenantName"] = options.Tenant;
        }

        return new JsonObject { ["auth"] = auth };
    }

    /// <summary>Flattens v2 endpoints, which carry one URL per interface (<c>publicURL</c>, <c>internalURL</c>, <c>adminURL</c>).</summary>
    private static IEnumerable<SwiftCatalogEndpoint> Endpoints(JsonNode access)
    {
        foreach (var service in access["serviceCatalog"]?.AsArray() ?? [])
        {
            if (service?["type"]?.GetValue<string>() != "object-store")
            {
                continue;
            }

            foreach (var endpoint in service["endpoints"]?.AsArray() ?? [])
            {
                var region = endpoint?["region"]?.GetValue<string>() ?? "";
                foreach (var kind in new[] { "public", "internal", "admin" })
                {
                    if (endpoint?[kind + "URL"]?.GetValue<string>() is { } endpointUrl)
                    {
                        yield return new SwiftCatalogEndpoint(region, kind, endpointUrl);
                    }
                }
            }
        }
    }
}
