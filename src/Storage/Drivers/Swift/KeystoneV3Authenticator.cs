using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.Storage.Drivers.Swift;

/// <summary>
/// Keystone identity v3: <c>POST &lt;authurl&gt;/auth/tokens</c> with the password method, the user's domain, and a
/// project or trust scope. The token is the <c>X-Subject-Token</c> header; the storage URL comes from the
/// <c>object-store</c> entry of <c>token.catalog</c>.
/// </summary>
internal sealed class KeystoneV3Authenticator(SwiftDriverOptions options) : ISwiftAuthenticator
{
    public int Version => 3;

    public async Task<SwiftSession> AuthenticateAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var url = TokensUrl(options.AuthUrl);
        using var response = await http.PostAsJsonAsync(url, RequestBody(options), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw SwiftAuthenticators.Failure(url, response);
        }

        var token = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.FirstOrDefault() : null;
        var body = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
        var tokenBody = body?["token"];
        if (string.IsNullOrEmpty(token) || tokenBody is null)
        {
            throw new SwiftAuthenticationException($"authentication at {url} returned no X-Subject-Token header or token body");
        }

        var tenantId = tokenBody["project"]?["id"]?.GetValue<string>() ?? options.TenantId;
        var storageUrl = SwiftCatalog.SelectEndpoint(Endpoints(tokenBody), options.Region, options.EndpointType, url);
        return new SwiftSession(storageUrl, token, tenantId);
    }

    /// <summary>Appends <c>/auth/tokens</c> unless the URL already ends with it or with <c>/auth</c>.</summary>
    internal static Uri TokensUrl(string authUrl)
    {
        var trimmed = authUrl.TrimEnd('/');
        if (trimmed.EndsWith("/auth/tokens", StringComparison.Ordinal))
        {
            return new Uri(trimmed);
        }

        return new Uri(trimmed.EndsWith("/auth", StringComparison.Ordinal) ? trimmed + "/tokens" : trimmed + "/auth/tokens");
    }

    /// <summary>
    /// Builds the password request. The scope is the trust when <c>trustid</c> is set, else the project by
    /// <c>tenantid</c>, else by <c>tenant</c> name in its domain (<c>tenantdomainid</c>, <c>tenantdomain</c>, or the user's).
    /// </summary>
    internal static JsonObject RequestBody(SwiftDriverOptions options)
    {
        var user = new JsonObject { ["name"] = options.Username, ["password"] = options.Password };
        if (DomainOf(options.DomainId, options.Domain) is { } userDomain)
        {
            user["domain"] = userDomain;
        }

        var auth = new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["methods"] = new JsonArray("password"),
                ["password"] = new JsonObject { ["user"] = user },
            },
        };

        if (options.TrustId.Length > 0)
        {
            auth["scope"] = new JsonObject { ["OS-TRUST:trust"] = new JsonObject { ["id"] = options.TrustId } };
        }
        else if (options.TenantId.Length > 0)
        {
            auth["scope"] = new JsonObject { ["project"] = new JsonObject { ["id"] = options.TenantId } };
        }
        else if (options.Tenant.Length > 0)
        {
            var project = new JsonObject { ["name"] = options.Tenant };
            var projectDomain = DomainOf(options.TenantDomainId, options.TenantDomain) ?? DomainOf(options.DomainId, options.Domain);
            if (projectDomain is not null)
            {
                project["domain"] = projectDomain;
            }

            auth["scope"] = new JsonObject { ["project"] = project };
        }

        return new JsonObject { ["auth"] = auth };
    }

    private static JsonObject? DomainOf(string id, string name)
    {
        if (id.Length > 0)
        {
            return new JsonObject { ["id"] = id };
        }

        return name.Length > 0 ? new JsonObject { ["name"] = name } : null;
    }

    private static IEnumerable<SwiftCatalogEndpoint> Endpoints(JsonNode token)
    {
        foreach (var service in token["catalog"]?.AsArray() ?? [])
        {
            if (service?["type"]?.GetValue<string>() != "object-store")
            {
                continue;
            }

            foreach (var endpoint in service["endpoints"]?.AsArray() ?? [])
            {
                // Keystone sends both "region" (deprecated) and "region_id"; either may be missing.
                var region = endpoint?["region_id"]?.GetValue<string>() ?? endpoint?["region"]?.GetValue<string>() ?? "";
                var kind = endpoint?["interface"]?.GetValue<string>() ?? "";
                if (endpoint?["url"]?.GetValue<string>() is { } endpointUrl)
                {
                    yield return new SwiftCatalogEndpoint(region, kind, endpointUrl);
                }
            }
        }
    }
}
