using System.Text;
using Registry.Storage.Drivers;
using Registry.Storage.Layout;

namespace Registry.UnitTests.Layout;

/// <summary>The expected paths are distribution's (registry:2), written out in full so that any drift fails.</summary>
public sealed class RegistryLayoutTests
{
    private const string Hex = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
    private const string Repositories = "/docker/registry/v2/repositories";
    private const string UploadId = "0b8a3f5e-6c1d-4e2f-9a7b-1c2d3e4f5a6b";

    private static readonly Digest Sha256Digest = Digest.Parse("sha256:" + Hex);
    private static readonly RepositoryName Name = RepositoryName.Parse("library/ubuntu");
    private static readonly Tag Latest = Tag.Parse("latest");

    public static TheoryData<string, string> LayoutPaths => new()
    {
        { RegistryLayout.BlobData(Sha256Digest), $"/docker/registry/v2/blobs/sha256/ab/{Hex}/data" },
        { RegistryLayout.BlobDirectory(Sha256Digest), $"/docker/registry/v2/blobs/sha256/ab/{Hex}" },
        { RegistryLayout.BlobData(Digest.Parse("sha512:" + Hex + Hex)), $"/docker/registry/v2/blobs/sha512/ab/{Hex}{Hex}/data" },
        { RegistryLayout.Repository(Name), $"{Repositories}/library/ubuntu" },
        { RegistryLayout.ManifestRevisionLink(Name, Sha256Digest), $"{Repositories}/library/ubuntu/_manifests/revisions/sha256/{Hex}/link" },
        { RegistryLayout.Tags(Name), $"{Repositories}/library/ubuntu/_manifests/tags" },
        { RegistryLayout.Tag(Name, Latest), $"{Repositories}/library/ubuntu/_manifests/tags/latest" },
        { RegistryLayout.TagCurrentLink(Name, Latest), $"{Repositories}/library/ubuntu/_manifests/tags/latest/current/link" },
        { RegistryLayout.TagIndexLink(Name, Latest, Sha256Digest), $"{Repositories}/library/ubuntu/_manifests/tags/latest/index/sha256/{Hex}/link" },
        { RegistryLayout.LayerLink(Name, Sha256Digest), $"{Repositories}/library/ubuntu/_layers/sha256/{Hex}/link" },
        { RegistryLayout.Uploads(Name), $"{Repositories}/library/ubuntu/_uploads" },
        { RegistryLayout.UploadData(Name, UploadId), $"{Repositories}/library/ubuntu/_uploads/{UploadId}/data" },
        { RegistryLayout.UploadStartedAt(Name, UploadId), $"{Repositories}/library/ubuntu/_uploads/{UploadId}/startedat" },
        { RegistryLayout.UploadHashState(Name, UploadId, "sha256", 1048576), $"{Repositories}/library/ubuntu/_uploads/{UploadId}/hashstates/sha256/1048576" },
    };

    [Theory]
    [MemberData(nameof(LayoutPaths))]
    public void Path_MatchesDistributionLayout(string actual, string expected)
    {
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(LayoutPaths))]
    public void Path_IsValidDriverPath(string actual, string expected)
    {
        _ = expected;
        Assert.True(StoragePath.IsValid(actual), $"'{actual}' is not a valid driver path");
    }

    [Fact]
    public void LinkContent_IsDigestTextWithoutNewline()
    {
        Assert.Equal("sha256:" + Hex, Encoding.ASCII.GetString(RegistryLayout.LinkContent(Sha256Digest)));
    }

    [Theory]
    [InlineData("sha256:" + Hex)]
    [InlineData("sha512:" + Hex + Hex)]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void ParseLink_LinkContent_RoundTrips(string value)
    {
        var digest = Digest.Parse(value);

        Assert.Equal(digest, RegistryLayout.ParseLink(RegistryLayout.LinkContent(digest)));
    }

    [Fact]
    public void ParseLink_TrailingNewline_IsAccepted()
    {
        Assert.Equal(Sha256Digest, RegistryLayout.ParseLink(Encoding.ASCII.GetBytes($"sha256:{Hex}\n")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("junk")]
    [InlineData("sha256:abc")]
    [InlineData("sha256:" + Hex + "0")]
    [InlineData("SHA256:" + Hex)]
    [InlineData("md5:0123456789abcdef0123456789abcdef")]
    [InlineData("sha256:../../etc/passwd")]
    [InlineData("sha256:" + Hex + "\nsha256:" + Hex)]
    public void ParseLink_Junk_ReturnsNull(string content)
    {
        Assert.Null(RegistryLayout.ParseLink(Encoding.ASCII.GetBytes(content)));
    }

    [Fact]
    public void ParseLink_NonAsciiBytes_ReturnsNull()
    {
        byte[] content = [0xFF, 0xFE, 0x00, 0x80];

        Assert.Null(RegistryLayout.ParseLink(content));
    }
}
