using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Gateway.Auth.Token;

/// <summary>
/// The two key id formats that token servers put in a token's <c>kid</c> for a key of the root
/// certificate bundle: the libtrust key id that distribution 2.x matched, and the RFC 7638 JWK
/// thumbprint that distribution 3.x matches.
/// </summary>
internal static class KeyIds
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>
    /// Computes the libtrust key id: the first 240 bits of the SHA-256 of the DER
    /// SubjectPublicKeyInfo, in RFC 4648 base32, as 12 groups of 4 characters joined by colons
    /// (<c>ABCD:EFGH:…</c>).
    /// </summary>
    public static string Libtrust(TrustedKey key)
    {
        var digest = SHA256.HashData(key.SubjectPublicKeyInfo);
        var encoded = Base32(digest.AsSpan(0, 30));
        return string.Join(':', encoded.Chunk(4).Select(group => new string(group)));
    }

    /// <summary>
    /// Computes the RFC 7638 thumbprint: the unpadded base64url SHA-256 of the key's required JWK
    /// members in lexicographic order, with no whitespace.
    /// </summary>
    /// <remarks>
    /// NOTE: distribution 3.0 builds the EC members from the curve's generator point instead of the
    /// key, so its EC "thumbprints" are one value per curve. This method follows RFC 7638, so a
    /// token whose <c>kid</c> carries distribution's EC value does not match here.
    /// </remarks>
    public static string Thumbprint(TrustedKey key)
    {
        string members;
        if (key.Family == KeyFamily.Rsa)
        {
            using var rsa = key.CreateRsa();
            var parameters = rsa.ExportParameters(includePrivateParameters: false);
            members = $$"""{"e":"{{Base64Url.EncodeToString(TrimLeadingZeros(parameters.Exponent!))}}","kty":"RSA","n":"{{Base64Url.EncodeToString(TrimLeadingZeros(parameters.Modulus!))}}"}""";
        }
        else
        {
            using var ecdsa = key.CreateECDsa();
            var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
            members = $$"""{"crv":"{{CurveName(parameters.Curve)}}","kty":"EC","x":"{{Base64Url.EncodeToString(parameters.Q.X!)}}","y":"{{Base64Url.EncodeToString(parameters.Q.Y!)}}"}""";
        }

        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(members)));
    }

    /// <summary>Returns the JWK name of a NIST curve (RFC 7518 section 6.2.1.1).</summary>
    public static string CurveName(ECCurve curve) => curve.Oid?.Value switch
    {
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        var other => other ?? "unnamed",
    };

    private static byte[] TrimLeadingZeros(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }

    private static string Base32(ReadOnlySpan<byte> data)
    {
        var output = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var value in data)
        {
            // Only the bits not yet written matter, at most 12 of them.
            buffer = ((buffer << 8) | value) & 0xFFFF;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            output.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return output.ToString();
    }
}
