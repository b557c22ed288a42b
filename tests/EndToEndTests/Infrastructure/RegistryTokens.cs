using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Registry.EndToEndTests.Infrastructure;

/// <summary>How a token's JOSE header names its signing key.</summary>
public enum KeyReference
{
    /// <summary><c>x5c</c>: the signing certificate itself, which must chain to <c>rootcertbundle</c>.</summary>
    CertificateChain,

    /// <summary><c>kid</c>: the libtrust key id of the key, which distribution 2.x matches against <c>rootcertbundle</c>.</summary>
    KeyId,
}

/// <summary>One entry of a token's <c>access</c> claim, such as <c>repository</c> <c>e2e/app</c> with <c>pull</c> and <c>push</c>.</summary>
public sealed record TokenAccess(string Type, string Name, params string[] Actions)
{
    public static TokenAccess Repository(string name, params string[] actions) => new("repository", name, actions);

    /// <summary><c>registry:catalog:*</c>, the access that <c>GET /v2/_catalog</c> needs.</summary>
    public static TokenAccess Catalog { get; } = new("registry", "catalog", "*");
}

/// <summary>
/// The claims of a registry token in distribution's token format. The JWT carries times as whole
/// seconds since the Unix epoch. By default the token is valid from one minute ago until five
/// minutes from now.
/// </summary>
public sealed record TokenClaims(string Issuer, string Audience, string Subject, IReadOnlyList<TokenAccess> Access)
{
    public DateTimeOffset IssuedAt { get; init; } = DateTimeOffset.UtcNow.AddMinutes(-1);

    public DateTimeOffset NotBefore { get; init; } = DateTimeOffset.UtcNow.AddMinutes(-1);

    public DateTimeOffset Expires { get; init; } = DateTimeOffset.UtcNow.AddMinutes(5);

    public JsonObject ToJson()
    {
        var access = new JsonArray();
        foreach (var entry in Access)
        {
            access.Add(new JsonObject
            {
                ["type"] = entry.Type,
                ["name"] = entry.Name,
                ["actions"] = new JsonArray(entry.Actions.Select(action => (JsonNode)JsonValue.Create(action)).ToArray()),
            });
        }

        return new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = Subject,
            ["aud"] = Audience,
            ["exp"] = Expires.ToUnixTimeSeconds(),
            ["nbf"] = NotBefore.ToUnixTimeSeconds(),
            ["iat"] = IssuedAt.ToUnixTimeSeconds(),
            ["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["access"] = access,
        };
    }
}

/// <summary>
/// A key that signs registry tokens (JWS compact serialization, RFC 7515), with a self-signed
/// certificate for <c>auth.token.rootcertbundle</c>: RSA 2048 for RS256, or ECDSA P-256 for ES256.
/// </summary>
public sealed class TokenSigner : IDisposable
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private readonly AsymmetricAlgorithm _key;

    private TokenSigner(string algorithm, AsymmetricAlgorithm key, X509Certificate2 certificate)
    {
        Algorithm = algorithm;
        _key = key;
        Certificate = certificate;
    }

    /// <summary>The JWS <c>alg</c>: RS256 or ES256.</summary>
    public string Algorithm { get; }

    public X509Certificate2 Certificate { get; }

    public static TokenSigner CreateRs256(string subject)
    {
        var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new TokenSigner("RS256", rsa, CreateCertificate(request));
    }

    public static TokenSigner CreateEs256(string subject)
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", ecdsa, HashAlgorithmName.SHA256);
        return new TokenSigner("ES256", ecdsa, CreateCertificate(request));
    }

    /// <summary>
    /// The libtrust key id of the key, which distribution 2.x compares with a token's <c>kid</c>:
    /// the first 240 bits of the SHA-256 of the DER SubjectPublicKeyInfo, in RFC 4648 base32,
    /// as 12 groups of 4 characters joined by colons.
    /// </summary>
    public string LibtrustKeyId
    {
        get
        {
            var digest = SHA256.HashData(Certificate.PublicKey.ExportSubjectPublicKeyInfo());
            var encoded = Base32(digest.AsSpan(0, 30));
            return string.Join(':', encoded.Chunk(4).Select(group => new string(group)));
        }
    }

    /// <summary>Returns a signed token whose header names the key in the form that <paramref name="reference"/> selects.</summary>
    public string Sign(TokenClaims claims, KeyReference reference)
    {
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = Algorithm };
        if (reference == KeyReference.CertificateChain)
        {
            header["x5c"] = new JsonArray(Convert.ToBase64String(Certificate.RawData));
        }
        else
        {
            header["kid"] = LibtrustKeyId;
        }

        var signingInput = $"{Encode(header)}.{Encode(claims.ToJson())}";
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = _key switch
        {
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            _ => throw new InvalidOperationException($"no JWS signature is defined for a {_key.GetType().Name} key"),
        };
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>
    /// Returns an unsecured token (<c>alg: none</c>, RFC 7519 section 6) with an empty signature,
    /// whose header still carries this key's certificate as <c>x5c</c>.
    /// </summary>
    public string SignWithAlgorithmNone(TokenClaims claims)
    {
        var header = new JsonObject
        {
            ["typ"] = "JWT",
            ["alg"] = "none",
            ["x5c"] = new JsonArray(Convert.ToBase64String(Certificate.RawData)),
        };
        return $"{Encode(header)}.{Encode(claims.ToJson())}.";
    }

    /// <summary>Writes the certificates of <paramref name="signers"/> into one PEM file for <c>rootcertbundle</c>.</summary>
    public static void WriteBundle(string path, params TokenSigner[] signers) =>
        File.WriteAllText(path, string.Concat(signers.Select(signer => signer.Certificate.ExportCertificatePem() + "\n")));

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    // No extended key usage is set, because Go's x509 verification, which distribution uses for
    // x5c chains, accepts a certificate without that extension for any usage. distribution v2.8.2
    // accepted tokens signed with these certificates.
    private static X509Certificate2 CreateCertificate(CertificateRequest request)
    {
        var notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        return request.CreateSelfSigned(notBefore, notBefore.AddDays(30));
    }

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string Base32(ReadOnlySpan<byte> data)
    {
        var output = new StringBuilder();
        var buffer = 0;
        var bits = 0;
        foreach (var value in data)
        {
            buffer = (buffer << 8) | value;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }

            buffer &= (1 << bits) - 1;
        }

        if (bits > 0)
        {
            output.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return output.ToString();
    }
}
