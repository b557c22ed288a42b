using Registry.Gateway.Metrics;

namespace Registry.UnitTests.Hosting;

public sealed class RequestHandlersTests
{
    [Theory]
    [InlineData("/v2", "base")]
    [InlineData("/v2/", "base")]
    [InlineData("/v2/_catalog", "catalog")]
    [InlineData("/v2/team/app/tags/list", "tags")]
    [InlineData("/v2/app/manifests/latest", "manifest")]
    [InlineData("/v2/a/b/c/manifests/sha256:abc", "manifest")]
    [InlineData("/v2/app/blobs/sha256:abc", "blob")]
    [InlineData("/v2/app/blobs/uploads/", "blob_upload")]
    [InlineData("/v2/app/blobs/uploads", "blob_upload")]
    [InlineData("/v2/team/app/blobs/uploads/0f3c2a8e-0000-4000-8000-000000000000", "blob_upload_chunk")]
    [InlineData("/v2/app/referrers/sha256:abc", "referrers")]
    [InlineData("/v2/tags/manifests/list", "manifest")]
    [InlineData("/v2/manifests/blobs/sha256:abc", "blob")]
    [InlineData("/v2/tags/list", "other")]
    [InlineData("/v2/app/unknown/x", "other")]
    [InlineData("/v2/blobs/uploads/id", "other")]
    [InlineData("/metrics", "other")]
    [InlineData("/v22/app/manifests/x", "other")]
    public void Classify_Path_ReturnsHandlerLabel(string path, string expectedLabel)
    {
        Assert.Equal(expectedLabel, RequestHandlers.Labels[(int)RequestHandlers.Classify(path)]);
    }

    [Fact]
    public void Labels_EveryHandler_HasDistributionName()
    {
        Assert.Equal(Enum.GetValues<RequestHandler>().Length, RequestHandlers.Labels.Length);
        Assert.Equal("blob_upload_chunk", RequestHandlers.Labels[(int)RequestHandler.BlobUploadChunk]);
        Assert.Equal("manifest", RequestHandlers.Labels[(int)RequestHandler.Manifest]);
    }
}
