using Microsoft.AspNetCore.Http;
using Registry.Gateway.Auth;

namespace Registry.UnitTests.Auth;

public sealed class RequiredAccessTests
{
    private const string Digest = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

    private static string? Scope(string method, string pathAndQuery)
    {
        var parts = pathAndQuery.Split('?', 2);
        var query = QueryHelpersParse(parts.Length > 1 ? "?" + parts[1] : "");
        return RequiredAccess.TryGet(method, parts[0], query, out var required) ? Registry.Gateway.Auth.Scope.Grouped(required) : null;
    }

    private static QueryCollection QueryHelpersParse(string query) => new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query));

    [Theory]
    [InlineData("GET", "/v2/", "")]
    [InlineData("GET", "/v2", "")]
    [InlineData("HEAD", "/v2/", "")]
    [InlineData("GET", "/v2/_catalog", "registry:catalog:*")]
    [InlineData("GET", "/v2/_catalog?n=10&last=a", "registry:catalog:*")]
    [InlineData("GET", "/v2/team/app/tags/list", "repository:team/app:pull")]
    [InlineData("GET", "/v2/team/app/manifests/latest", "repository:team/app:pull")]
    [InlineData("HEAD", "/v2/team/app/manifests/latest", "repository:team/app:pull")]
    [InlineData("GET", "/v2/app/blobs/" + Digest, "repository:app:pull")]
    [InlineData("HEAD", "/v2/app/blobs/" + Digest, "repository:app:pull")]
    [InlineData("GET", "/v2/app/referrers/" + Digest, "repository:app:pull")]
    [InlineData("GET", "/v2/app/blobs/uploads/abc", "repository:app:pull")]
    [InlineData("PUT", "/v2/team/app/manifests/latest", "repository:team/app:pull,push")]
    [InlineData("POST", "/v2/team/app/blobs/uploads/", "repository:team/app:pull,push")]
    [InlineData("PATCH", "/v2/team/app/blobs/uploads/abc", "repository:team/app:pull,push")]
    [InlineData("PUT", "/v2/team/app/blobs/uploads/abc?digest=" + Digest, "repository:team/app:pull,push")]
    [InlineData("DELETE", "/v2/team/app/manifests/" + Digest, "repository:team/app:delete")]
    [InlineData("DELETE", "/v2/team/app/blobs/" + Digest, "repository:team/app:delete")]
    [InlineData("DELETE", "/v2/team/app/blobs/uploads/abc", "repository:team/app:delete")]
    [InlineData("POST", "/v2/team/app/blobs/uploads/?mount=" + Digest + "&from=team/base", "repository:team/app:pull,push repository:team/base:pull")]
    [InlineData("POST", "/v2/team/app/blobs/uploads/?mount=" + Digest + "&from=team/app", "repository:team/app:pull,push")]
    [InlineData("POST", "/v2/team/app/blobs/uploads/?from=team/base", "repository:team/app:pull,push")]
    [InlineData("POST", "/v2/team/app/blobs/uploads/?mount=sha256:bad&from=team/base", "repository:team/app:pull,push")]
    [InlineData("POST", "/v2/team/app/blobs/uploads/?mount=" + Digest + "&from=Team/Base", "repository:team/app:pull,push")]
    [InlineData("OPTIONS", "/v2/team/app/manifests/latest", "")]
    [InlineData("GET", "/v2/Team/App/manifests/latest", "")]
    [InlineData("GET", "/v2/../etc/manifests/latest", "")]
    [InlineData("GET", "/v2/app/unknown/thing", "")]
    [InlineData("GET", "/v2/app", "")]
    public void TryGet_RegistryPath_ReturnsScope(string method, string pathAndQuery, string scope)
    {
        Assert.Equal(scope, Scope(method, pathAndQuery));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/health")]
    [InlineData("/v2x/app/tags/list")]
    [InlineData("/metrics")]
    public void TryGet_OutsideRegistryApi_ReturnsFalse(string path)
    {
        Assert.Null(Scope("GET", path));
    }
}
