using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Registry.UnitTests.Auth;

/// <summary>
/// Keys, certificates and files for token tests, made once per test run with
/// <see cref="CertificateRequest"/>:
/// an RSA root CA with an RSA leaf it signed (for <c>x5c</c>), an expired leaf, a self-signed P-256
/// certificate (for <c>kid</c>), an RSA key for a JWKS file, and keys that nothing trusts.
/// <see cref="WriteFiles"/> writes the root certificate bundle and the JWKS file.
/// </summary>
public sealed class TokenTestPki
{
    public const string Issuer = "test-token-issuer";
    public const string Service = "test-registry";
    public const string Realm = "https://auth.example.test/token";
    public const string JwksKeyId = "jwks-key-1";

    private static readonly Lazy<TokenTestPki> SharedInstance = new(() => new TokenTestPki());

    private TokenTestPki()
    {
        Now = DateTimeOffset.UtcNow;

        RootKey = RSA.Create(2048);
        Root = CreateAuthority("CN=Test Token Root", RootKey);
        LeafKey = RSA.Create(2048);
        Leaf = CreateLeaf("CN=Test Token Signer", LeafKey, Root, RootKey, Now.AddDays(-1), Now.AddDays(1));
        ExpiredLeaf = CreateLeaf("CN=Expired Token Signer", LeafKey, Root, RootKey, Now.AddDays(-10), Now.AddDays(-5));

        EcKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        EcCertificate = new CertificateRequest("CN=Test EC Signer", EcKey, HashAlgorithmName.SHA256)
            .CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));

        JwksKey = RSA.Create(2048);
        UnknownKey = RSA.Create(2048);
        UnknownCertificate = CreateAuthority("CN=Unknown Root", UnknownKey);
        UnknownEcKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        P384Key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    }

    public static TokenTestPki Shared => SharedInstance.Value;

    /// <summary>The time the certificates were made around; verifiers in tests run at this time.</summary>
    public DateTimeOffset Now { get; }

    public RSA RootKey { get; }

    public X509Certificate2 Root { get; }

    public RSA LeafKey { get; }

    public X509Certificate2 Leaf { get; }

    public X509Certificate2 ExpiredLeaf { get; }

    public ECDsa EcKey { get; }

    public X509Certificate2 EcCertificate { get; }

    public RSA JwksKey { get; }

    public RSA UnknownKey { get; }

    public X509Certificate2 UnknownCertificate { get; }

    public ECDsa UnknownEcKey { get; }

    public ECDsa P384Key { get; }

    /// <summary>Claims that a verifier at <see cref="Now"/> accepts, granting <paramref name="access"/>.</summary>
    public JsonObject Claims(params (string Type, string Name, string[] Actions)[] access) => new()
    {
        ["iss"] = Issuer,
        ["sub"] = "alice",
        ["aud"] = Service,
        ["exp"] = Now.AddMinutes(5).ToUnixTimeSeconds(),
        ["nbf"] = Now.AddSeconds(-10).ToUnixTimeSeconds(),
        ["iat"] = Now.AddSeconds(-10).ToUnixTimeSeconds(),
        ["jti"] = Guid.NewGuid().ToString("N"),
        ["access"] = new JsonArray(access.Select(entry => (JsonNode)new JsonObject
        {
            ["type"] = entry.Type,
            ["name"] = entry.Name,
            ["actions"] = new JsonArray(entry.Actions.Select(action => (JsonNode)action!).ToArray()),
        }).ToArray()),
    };

    /// <summary>A header with <paramref name="algorithm"/> and the DER of <paramref name="chain"/> in <c>x5c</c>.</summary>
    public static JsonObject X5cHeader(string algorithm, params X509Certificate2[] chain) => new()
    {
        ["typ"] = "JWT",
        ["alg"] = algorithm,
        ["x5c"] = new JsonArray(chain.Select(certificate => (JsonNode)Convert.ToBase64String(certificate.RawData)).ToArray()),
    };

    public static JsonObject KidHeader(string algorithm, string keyId) => new() { ["typ"] = "JWT", ["alg"] = algorithm, ["kid"] = keyId };

    /// <summary>Signs with RS* (PKCS #1 v1.5) or PS* (PSS) according to the header's <c>alg</c>.</summary>
    public static string SignRsa(JsonObject header, JsonObject claims, RSA key)
    {
        var algorithm = (string)header["alg"]!;
        var padding = algorithm.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        return Sign(header, claims, input => key.SignData(input, Hash(algorithm), padding));
    }

    /// <summary>Signs with ES* as JWS requires, r and s concatenated at fixed size.</summary>
    public static string SignEc(JsonObject header, JsonObject claims, ECDsa key) =>
        Sign(header, claims, input => key.SignData(input, Hash((string)header["alg"]!), DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    /// <summary>Signs with HMAC-SHA256, which the registry must reject whatever the secret.</summary>
    public static string SignHmac(JsonObject header, JsonObject claims, byte[] secret) =>
        Sign(header, claims, input => HMACSHA256.HashData(secret, input));

    /// <summary>Builds <c>header.claims.</c> with an empty signature, as an <c>alg: none</c> token is.</summary>
    public static string Unsigned(JsonObject header, JsonObject claims) => Sign(header, claims, _ => []);

    public static string Sign(JsonObject header, JsonObject claims, Func<byte[], byte[]> sign)
    {
        var signingInput = $"{Encode(header)}.{Encode(claims)}";
        return $"{signingInput}.{Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signingInput)))}";
    }

    /// <summary>
    /// Writes <c>bundle.pem</c> (the RSA root and the P-256 certificate) and <c>jwks.json</c> (the
    /// JWKS key under <see cref="JwksKeyId"/>) into <paramref name="directory"/>.
    /// </summary>
    public (string BundlePath, string JwksPath) WriteFiles(string directory)
    {
        var bundlePath = Path.Combine(directory, "bundle.pem");
        File.WriteAllText(bundlePath, Root.ExportCertificatePem() + "\n" + EcCertificate.ExportCertificatePem() + "\n");

        var jwksPath = Path.Combine(directory, "jwks.json");
        var parameters = JwksKey.ExportParameters(false);
        File.WriteAllText(jwksPath, new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["kid"] = JwksKeyId,
                ["n"] = Base64Url.EncodeToString(parameters.Modulus),
                ["e"] = Base64Url.EncodeToString(parameters.Exponent),
            }),
        }.ToJsonString());
        return (bundlePath, jwksPath);
    }

    private static string Encode(JsonObject value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value.ToJsonString()));

    private static HashAlgorithmName Hash(string algorithm) => algorithm[2..] switch
    {
        "384" => HashAlgorithmName.SHA384,
        "512" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    private X509Certificate2 CreateAuthority(string subject, RSA key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(Now.AddDays(-30), Now.AddDays(30));
    }

    private static X509Certificate2 CreateLeaf(string subject, RSA key, X509Certificate2 issuer, RSA issuerKey, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(8);
        using var signed = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pkcs1), notBefore, notAfter, serial);
        return X509CertificateLoader.LoadCertificate(signed.RawData);
    }
}
