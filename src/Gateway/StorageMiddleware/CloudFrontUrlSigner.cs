using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Gateway.StorageMiddleware;

/// <summary>
/// Signs CloudFront URLs with a canned policy, as AWS documents it for signed URLs: the policy
/// <c>{"Statement":[{"Resource":"URL","Condition":{"DateLessThan":{"AWS:EpochTime":EXPIRES}}}]}</c>
/// without whitespace is signed with RSA-SHA1 (PKCS #1 v1.5), and the URL gets the query parameters
/// <c>Expires</c>, <c>Signature</c> and <c>Key-Pair-Id</c>.
/// </summary>
internal sealed class CloudFrontUrlSigner(RSA privateKey, string keyPairId)
{
    /// <summary>Returns <paramref name="resourceUrl"/> with the signature query parameters for an expiry at <paramref name="expires"/>.</summary>
    public string Sign(string resourceUrl, DateTimeOffset expires)
    {
        var epoch = expires.ToUnixTimeSeconds();
        var policy = CannedPolicy(resourceUrl, epoch);
        var signature = privateKey.SignData(Encoding.UTF8.GetBytes(policy), HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
        var separator = resourceUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{resourceUrl}{separator}Expires={epoch}&Signature={UrlSafeBase64(signature)}&Key-Pair-Id={Uri.EscapeDataString(keyPairId)}");
    }

    /// <summary>Returns the canned policy statement that CloudFront rebuilds from the URL and <c>Expires</c> to check the signature.</summary>
    public static string CannedPolicy(string resourceUrl, long expiresEpochSeconds) => string.Create(
        CultureInfo.InvariantCulture,
        $$$$"""{"Statement":[{"Resource":"{{{{resourceUrl}}}}","Condition":{"DateLessThan":{"AWS:EpochTime":{{{{expiresEpochSeconds}}}}}}}]}""");

    /// <summary>Encodes bytes in CloudFront's URL-safe base64: <c>+</c> becomes <c>-</c>, <c>=</c> becomes <c>_</c>, <c>/</c> becomes <c>~</c>.</summary>
    public static string UrlSafeBase64(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).Replace('+', '-').Replace('=', '_').Replace('/', '~');
}
