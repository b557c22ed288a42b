using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Registry.Gateway.Auth.Token;

/// <summary>
/// A public key that may sign tokens, kept as its DER SubjectPublicKeyInfo. Each verification
/// imports it into a fresh <see cref="RSA"/> or <see cref="ECDsa"/>, because those objects are not
/// documented as safe to share between threads.
/// </summary>
internal sealed record TrustedKey(KeyFamily Family, byte[] SubjectPublicKeyInfo)
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    /// <summary>Returns the key of a certificate, or null when it is neither RSA nor EC.</summary>
    public static TrustedKey? FromCertificate(X509Certificate2 certificate) => certificate.PublicKey.Oid.Value switch
    {
        RsaOid => new TrustedKey(KeyFamily.Rsa, certificate.PublicKey.ExportSubjectPublicKeyInfo()),
        EcOid => new TrustedKey(KeyFamily.EllipticCurve, certificate.PublicKey.ExportSubjectPublicKeyInfo()),
        _ => null,
    };

    public static TrustedKey FromRsa(RSA rsa) => new(KeyFamily.Rsa, rsa.ExportSubjectPublicKeyInfo());

    public static TrustedKey FromECDsa(ECDsa ecdsa) => new(KeyFamily.EllipticCurve, ecdsa.ExportSubjectPublicKeyInfo());

    public RSA CreateRsa()
    {
        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(SubjectPublicKeyInfo, out _);
        return rsa;
    }

    public ECDsa CreateECDsa()
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(SubjectPublicKeyInfo, out _);
        return ecdsa;
    }
}
