using System.Security.Cryptography;
using Registry.Storage.Layout;

namespace Registry.UnitTests.Layout;

public sealed class DigestTests
{
    private const string Hex64 = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
    private const string Hex128 = Hex64 + Hex64;

    public static TheoryData<string> ValidDigests => new()
    {
        "sha256:" + Hex64,
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha512:" + Hex128,
    };

    public static TheoryData<string> InvalidDigests => new()
    {
        "",
        " ",
        "sha256",
        "sha256:",
        ":" + Hex64,
        "sha256" + Hex64,
        "sha256:" + Hex64[..63],
        "sha256:" + Hex64 + "a",
        "sha256:" + Hex64.ToUpperInvariant(),
        "sha256:" + Hex64[..63] + "A",
        "sha256:" + Hex64[..63] + "g",
        "SHA256:" + Hex64,
        "md5:" + Hex64[..32],
        "sha384:" + Hex64 + Hex64[..32],
        "sha256:../x",
        "sha256:../" + Hex64[..61],
        "sha256:" + Hex64[..32] + "/" + Hex64[..31],
        " sha256:" + Hex64,
        "sha256:" + Hex64 + " ",
        "sha256:" + Hex64 + "\n",
        "sha256: " + Hex64[..63],
        "sha256:" + Hex64 + ":" + Hex64,
        "sha512:" + Hex64,
        "sha512:" + Hex128[..127],
        "sha512:" + Hex128.ToUpperInvariant(),
    };

    [Theory]
    [MemberData(nameof(ValidDigests))]
    public void Parse_ValidDigest_KeepsAlgorithmAndHex(string value)
    {
        var digest = Digest.Parse(value);

        Assert.Equal(value[..value.IndexOf(':')], digest.Algorithm);
        Assert.Equal(value[(value.IndexOf(':') + 1)..], digest.Hex);
        Assert.Equal(value, digest.ToString());
    }

    [Theory]
    [MemberData(nameof(InvalidDigests))]
    public void TryParse_InvalidDigest_ReturnsFalseWithError(string value)
    {
        var parsed = Digest.TryParse(value, out var digest, out var error);

        Assert.False(parsed);
        Assert.Equal(default, digest);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [MemberData(nameof(InvalidDigests))]
    public void Parse_InvalidDigest_ThrowsFormatException(string value)
    {
        Assert.Throws<FormatException>(() => Digest.Parse(value));
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(Digest.TryParse(null, out _));
    }

    [Theory]
    [InlineData("md5:0123", "md5")]
    [InlineData("sha256:abc", "64")]
    [InlineData("sha256:" + Hex64 + "x", "65")]
    public void TryParse_InvalidDigest_ErrorNamesTheProblem(string value, string expectedInError)
    {
        Digest.TryParse(value, out _, out var error);

        Assert.Contains(expectedInError, error);
    }

    [Fact]
    public void FromHash_Sha256OfNothing_IsEmptySha256()
    {
        var digest = Digest.FromHash(Digest.Sha256, SHA256.HashData(ReadOnlySpan<byte>.Empty));

        Assert.Equal(Digest.EmptySha256, digest);
        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", digest.ToString());
    }

    [Fact]
    public void FromHash_Sha512_HasLowercaseHex()
    {
        var hash = SHA512.HashData("registry"u8);

        var digest = Digest.FromHash(Digest.Sha512, hash);

        Assert.Equal(Digest.Sha512, digest.Algorithm);
        Assert.Equal(Convert.ToHexStringLower(hash), digest.Hex);
    }

    [Fact]
    public void Equality_SameText_IsEqual()
    {
        Assert.Equal(Digest.Parse("sha256:" + Hex64), Digest.Parse("sha256:" + Hex64));
        Assert.NotEqual(Digest.Parse("sha256:" + Hex64), Digest.EmptySha256);
    }
}
