using Microsoft.Extensions.Primitives;
using Registry.Gateway.Http;

namespace Registry.UnitTests.Gateway;

public sealed class AcceptHeaderTests
{
    private const string Oci = "application/vnd.oci.image.manifest.v1+json";

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData(Oci)]
    [InlineData("application/json, " + Oci + "; q=0.5")]
    [InlineData("APPLICATION/VND.OCI.IMAGE.MANIFEST.V1+JSON")]
    public void Allows_MatchingAccept_ReturnsTrue(string? accept)
    {
        Assert.True(AcceptHeader.Allows(accept is null ? StringValues.Empty : new StringValues(accept), Oci));
    }

    [Fact]
    public void Allows_SeveralHeaderValues_AreAllRead()
    {
        Assert.True(AcceptHeader.Allows(new StringValues(["application/json", Oci]), Oci));
    }

    [Theory]
    [InlineData("application/vnd.docker.distribution.manifest.v2+json")]
    [InlineData("application/*")]
    public void Allows_OtherTypes_ReturnsFalse(string accept)
    {
        Assert.False(AcceptHeader.Allows(new StringValues(accept), Oci));
    }
}
