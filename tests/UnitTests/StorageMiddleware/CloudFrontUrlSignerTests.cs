using System.Security.Cryptography;
using System.Text;
using Registry.Gateway.StorageMiddleware;

namespace Registry.UnitTests.StorageMiddleware;

public sealed class CloudFrontUrlSignerTests
{
    [Theory]
    [InlineData(new byte[] { 0xfb, 0xff }, "-~8_")]
    [InlineData(new byte[] { 0xf8 }, "-A__")]
    [InlineData(new byte[] { 0x00, 0x01, 0x02 }, "AAEC")]
    [InlineData(new byte[] { 0xff, 0xff, 0xff }, "~~~~")]
    public void UrlSafeBase64_ReplacesPlusEqualsAndSlash(byte[] bytes, string expected)
    {
        Assert.Equal(expected, CloudFrontUrlSigner.UrlSafeBase64(bytes));
    }

    [Fact]
    public void CannedPolicy_HasNoWhitespace()
    {
        var policy = CloudFrontUrlSigner.CannedPolicy("https://d1.cloudfront.test/a/b", 1700000000);

        Assert.Equal("""{"Statement":[{"Resource":"https://d1.cloudfront.test/a/b","Condition":{"DateLessThan":{"AWS:EpochTime":1700000000}}}]}""", policy);
    }

    [Fact]
    public void Sign_Url_AddsVerifiableSignature()
    {
        using var key = RSA.Create(2048);
        var signer = new CloudFrontUrlSigner(key, "KPID");
        var expires = DateTimeOffset.FromUnixTimeSeconds(1700000000);

        var signed = signer.Sign("https://d1.cloudfront.test/root/data", expires);

        var prefix = "https://d1.cloudfront.test/root/data?Expires=1700000000&Signature=";
        Assert.StartsWith(prefix, signed, StringComparison.Ordinal);
        Assert.EndsWith("&Key-Pair-Id=KPID", signed, StringComparison.Ordinal);
        var encoded = signed[prefix.Length..signed.IndexOf("&Key-Pair-Id=", StringComparison.Ordinal)];
        Assert.DoesNotContain('+', encoded);
        Assert.DoesNotContain('/', encoded);
        Assert.DoesNotContain('=', encoded);
        var signature = Convert.FromBase64String(encoded.Replace('-', '+').Replace('_', '=').Replace('~', '/'));
        var policy = Encoding.UTF8.GetBytes(CloudFrontUrlSigner.CannedPolicy("https://d1.cloudfront.test/root/data", 1700000000));
        Assert.True(key.VerifyData(policy, signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Sign_UrlWithQuery_AppendsWithAmpersand()
    {
        using var key = RSA.Create(2048);
        var signer = new CloudFrontUrlSigner(key, "KPID");

        var signed = signer.Sign("https://d1.cloudfront.test/data?v=1", DateTimeOffset.FromUnixTimeSeconds(10));

        Assert.StartsWith("https://d1.cloudfront.test/data?v=1&Expires=10&Signature=", signed, StringComparison.Ordinal);
    }
}
