using Registry.Gateway.Routing;

namespace Registry.UnitTests.Gateway;

public sealed class RegistryRouteTests
{
    [Theory]
    [InlineData("/v2/", "Base", "", "")]
    [InlineData("/v2", "Base", "", "")]
    [InlineData("/v2/_catalog", "Catalog", "", "")]
    [InlineData("/v2/app/tags/list", "TagsList", "app", "")]
    [InlineData("/v2/team/app/tags/list", "TagsList", "team/app", "")]
    [InlineData("/v2/a/b/c/manifests/v1", "Manifest", "a/b/c", "v1")]
    [InlineData("/v2/app/manifests/sha256:abc", "Manifest", "app", "sha256:abc")]
    [InlineData("/v2/app/blobs/sha256:abc", "Blob", "app", "sha256:abc")]
    [InlineData("/v2/team/app/blobs/uploads/", "UploadStart", "team/app", "")]
    [InlineData("/v2/team/app/blobs/uploads", "UploadStart", "team/app", "")]
    [InlineData("/v2/team/app/blobs/uploads/0b9f", "Upload", "team/app", "0b9f")]
    [InlineData("/v2/team/app/referrers/sha256:abc", "Referrers", "team/app", "sha256:abc")]
    [InlineData("/v2/manifests/manifests/latest", "Manifest", "manifests", "latest")]
    [InlineData("/v2/blobs/tags/list", "TagsList", "blobs", "")]
    public void TryParse_KnownPath_ReturnsKindNameAndArgument(string path, string kind, string name, string argument)
    {
        Assert.True(RegistryRoute.TryParse(path, out var route));
        Assert.Equal(Enum.Parse<RouteKind>(kind), route.Kind);
        Assert.Equal(name, route.Name);
        Assert.Equal(argument, route.Argument);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/v3/")]
    [InlineData("/v2/app")]
    [InlineData("/v2/app/manifests")]
    [InlineData("/v2/app/unknown/thing")]
    [InlineData("/v2/blobs/uploads/")]
    [InlineData("/v2x/app/tags/list")]
    public void TryParse_UnknownPath_ReturnsFalse(string path)
    {
        Assert.False(RegistryRoute.TryParse(path, out _));
    }
}
