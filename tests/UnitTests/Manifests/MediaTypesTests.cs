using Registry.Grains.Manifests;

namespace Registry.UnitTests.Manifests;

public sealed class MediaTypesTests
{
    [Theory]
    [InlineData(MediaTypes.OciImageManifest, true)]
    [InlineData(MediaTypes.OciImageIndex, true)]
    [InlineData(MediaTypes.DockerManifest, true)]
    [InlineData(MediaTypes.DockerManifestList, true)]
    [InlineData("APPLICATION/VND.OCI.IMAGE.MANIFEST.V1+JSON", true)]
    [InlineData(MediaTypes.DockerManifestSchema1, false)]
    [InlineData(MediaTypes.DockerManifestSchema1Signed, false)]
    [InlineData(MediaTypes.OciImageConfig, false)]
    [InlineData(MediaTypes.OciEmptyJson, false)]
    [InlineData(MediaTypes.OciImageManifest + "; charset=utf-8", false)]
    [InlineData("application/json", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsManifest_MediaType_ReturnsExpected(string? mediaType, bool expected)
    {
        Assert.Equal(expected, MediaTypes.IsManifest(mediaType));
    }

    [Theory]
    [InlineData(MediaTypes.OciImageIndex, true)]
    [InlineData(MediaTypes.DockerManifestList, true)]
    [InlineData("Application/Vnd.Oci.Image.Index.V1+Json", true)]
    [InlineData(MediaTypes.OciImageManifest, false)]
    [InlineData(MediaTypes.DockerManifest, false)]
    [InlineData(null, false)]
    public void IsIndex_MediaType_ReturnsExpected(string? mediaType, bool expected)
    {
        Assert.Equal(expected, MediaTypes.IsIndex(mediaType));
    }

    [Theory]
    [InlineData(MediaTypes.OciLayerTarGzip, true)]
    [InlineData(MediaTypes.DockerForeignLayerTarGzip, true)]
    [InlineData("application/vnd.in-toto+json", true)]
    [InlineData("a/b", true)]
    [InlineData("x-custom/a!#$&^_.+-z", true)]
    [InlineData("application", false)]
    [InlineData("application/", false)]
    [InlineData("/json", false)]
    [InlineData("application/json; charset=utf-8", false)]
    [InlineData("application/js on", false)]
    [InlineData("application/.json", false)]
    [InlineData("application/json/extra", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsWellFormed_MediaType_ReturnsExpected(string? mediaType, bool expected)
    {
        Assert.Equal(expected, MediaTypes.IsWellFormed(mediaType));
    }

    [Fact]
    public void IsWellFormed_NameOver127Characters_ReturnsFalse()
    {
        Assert.True(MediaTypes.IsWellFormed("application/" + new string('a', 127)));
        Assert.False(MediaTypes.IsWellFormed("application/" + new string('a', 128)));
    }
}
