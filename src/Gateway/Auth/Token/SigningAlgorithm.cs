using System.Security.Cryptography;

namespace Registry.Gateway.Auth.Token;

/// <summary>The kind of public key a JWS algorithm verifies with.</summary>
internal enum KeyFamily
{
    Rsa,
    EllipticCurve,
}

/// <summary>
/// A JWS signature algorithm of RFC 7518 that the registry verifies: RSASSA-PKCS1-v1_5 (RS*),
/// RSASSA-PSS (PS*, salt as long as the hash) and ECDSA (ES*, the signature as the fixed-size
/// concatenation of r and s, on the curve the algorithm names).
/// </summary>
internal sealed class SigningAlgorithm
{
    private SigningAlgorithm(string name, KeyFamily family, HashAlgorithmName hash, RSASignaturePadding? padding = null, string? curveOid = null, int fieldBytes = 0)
    {
        Name = name;
        Family = family;
        Hash = hash;
        Padding = padding;
        CurveOid = curveOid;
        FieldBytes = fieldBytes;
    }

    public string Name { get; }

    public KeyFamily Family { get; }

    public HashAlgorithmName Hash { get; }

    /// <summary>The RSA padding; null for ECDSA.</summary>
    public RSASignaturePadding? Padding { get; }

    /// <summary>The OID of the only curve an ES algorithm may use; null for RSA.</summary>
    public string? CurveOid { get; }

    /// <summary>The size of r and of s in an ES signature, in bytes; 0 for RSA.</summary>
    public int FieldBytes { get; }

    /// <summary>Every algorithm this registry verifies, by JWS name; also the default of <c>signingalgorithms</c>.</summary>
    public static readonly IReadOnlyDictionary<string, SigningAlgorithm> Supported = new[]
    {
        new SigningAlgorithm("RS256", KeyFamily.Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        new SigningAlgorithm("RS384", KeyFamily.Rsa, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
        new SigningAlgorithm("RS512", KeyFamily.Rsa, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
        new SigningAlgorithm("PS256", KeyFamily.Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
        new SigningAlgorithm("PS384", KeyFamily.Rsa, HashAlgorithmName.SHA384, RSASignaturePadding.Pss),
        new SigningAlgorithm("PS512", KeyFamily.Rsa, HashAlgorithmName.SHA512, RSASignaturePadding.Pss),
        new SigningAlgorithm("ES256", KeyFamily.EllipticCurve, HashAlgorithmName.SHA256, curveOid: "1.2.840.10045.3.1.7", fieldBytes: 32),
        new SigningAlgorithm("ES384", KeyFamily.EllipticCurve, HashAlgorithmName.SHA384, curveOid: "1.3.132.0.34", fieldBytes: 48),
        new SigningAlgorithm("ES512", KeyFamily.EllipticCurve, HashAlgorithmName.SHA512, curveOid: "1.3.132.0.35", fieldBytes: 66),
    }.ToDictionary(algorithm => algorithm.Name, StringComparer.Ordinal);

    /// <summary>
    /// Algorithms that distribution accepts in <c>signingalgorithms</c> but this registry does not
    /// verify: HMAC would need a shared secret that the configuration cannot hold, and .NET has no
    /// Ed25519. A configuration that lists them still loads, with a warning.
    /// </summary>
    public static readonly IReadOnlySet<string> KnownUnsupported = new HashSet<string>(StringComparer.Ordinal) { "EdDSA", "HS256", "HS384", "HS512" };

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="signingInput"/>; a key of the wrong family or curve fails with a reason.</summary>
    public bool Verify(TrustedKey key, byte[] signingInput, byte[] signature, out string reason)
    {
        if (key.Family != Family)
        {
            reason = $"{Name} needs {(Family == KeyFamily.Rsa ? "an RSA" : "an EC")} key, but the signing key is {(key.Family == KeyFamily.Rsa ? "RSA" : "EC")}";
            return false;
        }

        try
        {
            if (Family == KeyFamily.Rsa)
            {
                using var rsa = key.CreateRsa();
                reason = "the signature does not match";
                return rsa.VerifyData(signingInput, signature, Hash, Padding!);
            }

            using var ecdsa = key.CreateECDsa();
            var curve = ecdsa.ExportParameters(includePrivateParameters: false).Curve;
            if (curve.Oid?.Value != CurveOid)
            {
                reason = $"{Name} needs the curve {CurveOid}, but the signing key uses {curve.Oid?.Value ?? "an unnamed curve"}";
                return false;
            }

            reason = "the signature does not match";
            return signature.Length == 2 * FieldBytes
                && ecdsa.VerifyData(signingInput, signature, Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException exception)
        {
            reason = $"the signature cannot be checked: {exception.Message}";
            return false;
        }
    }
}
