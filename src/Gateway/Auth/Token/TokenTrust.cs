using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Registry.Gateway.Auth.Token;

/// <summary>
/// The keys that may sign tokens: the certificates of <c>rootcertbundle</c>, which anchor <c>x5c</c>
/// chains, and the keys matched by <c>kid</c>. A root certificate's key is found by its libtrust key
/// id and by its RFC 7638 thumbprint; a JWKS key by its own <c>kid</c> and by its thumbprint.
/// </summary>
internal sealed class TokenTrust
{
    /// <summary>The most certificates an <c>x5c</c> header may carry, to bound the work one request can cause.</summary>
    public const int MaxChainLength = 10;

    private readonly X509Certificate2Collection _roots;
    private readonly Dictionary<string, TrustedKey> _keysById;

    public TokenTrust(X509Certificate2Collection roots, Dictionary<string, TrustedKey> keysById)
    {
        _roots = roots;
        _keysById = keysById;
    }

    public int RootCount => _roots.Count;

    public int KeyIdCount => _keysById.Count;

    /// <summary>Loads the files of <c>auth.token</c>; raises <see cref="AuthConfigurationException"/> naming the key and the file.</summary>
    public static TokenTrust Load(string? rootCertBundle, string? jwks, ILogger logger)
    {
        var roots = new X509Certificate2Collection();
        var keysById = new Dictionary<string, TrustedKey>(StringComparer.Ordinal);

        if (!string.IsNullOrEmpty(jwks))
        {
            foreach (var (keyId, key) in LoadJwks(jwks, logger))
            {
                if (keyId is not null)
                {
                    keysById.TryAdd(keyId, key);
                }

                keysById.TryAdd(KeyIds.Thumbprint(key), key);
            }
        }

        if (!string.IsNullOrEmpty(rootCertBundle))
        {
            roots = LoadBundle(rootCertBundle);
            foreach (var certificate in roots)
            {
                if (TrustedKey.FromCertificate(certificate) is { } key)
                {
                    keysById.TryAdd(KeyIds.Libtrust(key), key);
                    keysById.TryAdd(KeyIds.Thumbprint(key), key);
                }
            }
        }

        if (roots.Count == 0 && keysById.Count == 0)
        {
            throw new AuthConfigurationException(
                "auth.token",
                "no token signing key is configured: set rootcertbundle to a PEM file of certificates or jwks to a JSON Web Key Set file that contains at least one key");
        }

        return new TokenTrust(roots, keysById);
    }

    public TrustedKey? FindByKeyId(string keyId) => _keysById.GetValueOrDefault(keyId);

    /// <summary>
    /// Validates an <c>x5c</c> chain (standard base64 DER, leaf first) against the root certificates
    /// at <paramref name="now"/>, without revocation checks or downloads, and returns the leaf's key.
    /// </summary>
    public TrustedKey? ValidateChain(IReadOnlyList<string> chain, DateTimeOffset now, out string reason)
    {
        if (chain.Count == 0 || chain.Count > MaxChainLength)
        {
            reason = $"the x5c header has {chain.Count} certificates; 1 to {MaxChainLength} are accepted";
            return null;
        }

        var certificates = new List<X509Certificate2>();
        try
        {
            foreach (var encoded in chain)
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(encoded)));
            }

            using var builder = new X509Chain();
            builder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            builder.ChainPolicy.CustomTrustStore.AddRange(_roots);
            builder.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            builder.ChainPolicy.DisableCertificateDownloads = true;
            builder.ChainPolicy.VerificationTime = now.UtcDateTime;
            builder.ChainPolicy.ExtraStore.AddRange(certificates.Skip(1).ToArray());
            if (!builder.Build(certificates[0]))
            {
                var problems = builder.ChainStatus.Select(status => status.Status).Distinct();
                reason = $"the x5c chain does not validate against auth.token.rootcertbundle: {string.Join(", ", problems)}";
                return null;
            }

            reason = "";
            var key = TrustedKey.FromCertificate(certificates[0]);
            if (key is null)
            {
                reason = "the x5c leaf certificate's key is neither RSA nor EC";
            }

            return key;
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            reason = $"the x5c header contains an invalid certificate: {exception.Message}";
            return null;
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    private static X509Certificate2Collection LoadBundle(string path)
    {
        const string key = "auth.token.rootcertbundle";
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AuthConfigurationException(key, $"cannot read the root certificate bundle {path}: {exception.Message}", exception);
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (CryptographicException exception)
        {
            throw new AuthConfigurationException(key, $"the root certificate bundle {path} contains an invalid PEM certificate: {exception.Message}", exception);
        }

        return roots;
    }

    /// <summary>Reads the RSA and EC keys of a JWKS file, with their <c>kid</c> where they have one; other keys are skipped with a warning.</summary>
    private static List<(string? KeyId, TrustedKey Key)> LoadJwks(string path, ILogger logger)
    {
        const string configKey = "auth.token.jwks";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AuthConfigurationException(configKey, $"cannot read the JWKS file {path}: {exception.Message}", exception);
        }
        catch (JsonException exception)
        {
            throw new AuthConfigurationException(configKey, $"the JWKS file {path} is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("keys", out var keys)
                || keys.ValueKind != JsonValueKind.Array)
            {
                throw new AuthConfigurationException(configKey, $"the JWKS file {path} must be an object with a \"keys\" array");
            }

            var result = new List<(string?, TrustedKey)>();
            var index = 0;
            foreach (var jwk in keys.EnumerateArray())
            {
                if (TryReadJwk(jwk, out var keyId, out var key, out var reason))
                {
                    result.Add((keyId, key));
                }
                else
                {
                    AuthLog.TokenJwksKeySkipped(logger, path, index, reason);
                }

                index++;
            }

            return result;
        }
    }

    private static bool TryReadJwk(JsonElement jwk, out string? keyId, out TrustedKey key, out string reason)
    {
        keyId = null;
        key = null!;
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            reason = "it is not a JSON object";
            return false;
        }

        keyId = Text(jwk, "kid");
        try
        {
            switch (Text(jwk, "kty"))
            {
                case "RSA":
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportParameters(new RSAParameters { Modulus = Bytes(jwk, "n"), Exponent = Bytes(jwk, "e") });
                        key = TrustedKey.FromRsa(rsa);
                    }

                    break;
                case "EC":
                    var curve = Text(jwk, "crv") switch
                    {
                        "P-256" => ECCurve.NamedCurves.nistP256,
                        "P-384" => ECCurve.NamedCurves.nistP384,
                        "P-521" => ECCurve.NamedCurves.nistP521,
                        var other => throw new FormatException($"the curve {other ?? "(none)"} is not supported; use P-256, P-384 or P-521"),
                    };
                    using (var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = Bytes(jwk, "x"), Y = Bytes(jwk, "y") } }))
                    {
                        key = TrustedKey.FromECDsa(ecdsa);
                    }

                    break;
                case var other:
                    reason = $"the key type {other ?? "(none)"} is not supported; only RSA and EC keys verify tokens here";
                    return false;
            }
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            reason = $"the key is invalid: {exception.Message}";
            return false;
        }

        reason = "";
        return true;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Bytes(JsonElement element, string name) =>
        Text(element, name) is { Length: > 0 } text
            ? Base64Url.DecodeFromChars(text)
            : throw new FormatException($"the member \"{name}\" is missing");
}
