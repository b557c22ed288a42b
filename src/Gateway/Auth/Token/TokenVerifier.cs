using System.Diagnostics.CodeAnalysis;

namespace Registry.Gateway.Auth.Token;

/// <summary>
/// Verifies registry tokens as distribution does:
/// <list type="number">
/// <item>split the compact JWS and check that its <c>alg</c> is accepted;</item>
/// <item>find the signing key, in distribution's order: the <c>x5c</c> chain validated against the
/// root certificates; else the embedded <c>jwk</c>'s chain, or its <c>kid</c> among the trusted
/// keys; else the header's <c>kid</c> among the trusted keys;</item>
/// <item>verify the signature;</item>
/// <item>check <c>iss</c>, <c>aud</c>, and <c>exp</c> and <c>nbf</c> with <see cref="Leeway"/> either side.</item>
/// </list>
/// The claims are read only after the signature is verified.
/// </summary>
internal sealed class TokenVerifier(TokenTrust trust, IReadOnlyDictionary<string, SigningAlgorithm> algorithms, string issuer, string service, TimeProvider time)
{
    /// <summary>Clock skew allowed on <c>exp</c> and <c>nbf</c>: 60 seconds, distribution's value.</summary>
    public static readonly TimeSpan Leeway = TimeSpan.FromSeconds(60);

    /// <summary>Returns the verified claims, or null with a reason fit for the log (it never contains the token).</summary>
    public TokenClaims? Verify(string text, out string reason)
    {
        // Step 1: parse.
        if (!CompactToken.TryParse(text, out var token, out reason))
        {
            reason = $"malformed token: {reason}";
            return null;
        }

        if (!algorithms.TryGetValue(token.Header.Algorithm, out var algorithm))
        {
            reason = $"the token's alg {token.Header.Algorithm} is not accepted; accepted: {string.Join(", ", algorithms.Keys)}";
            return null;
        }

        // Step 2: find the key.
        var now = time.GetUtcNow();
        if (!TryFindKey(token.Header, now, out var key, out reason))
        {
            return null;
        }

        // Step 3: verify the signature.
        if (!algorithm.Verify(key, token.SigningInput, token.Signature, out var signatureProblem))
        {
            reason = $"the signature is invalid: {signatureProblem}";
            return null;
        }

        // Step 4: check the claims.
        if (!TokenClaims.TryParse(token.Payload, out var claims, out reason))
        {
            return null;
        }

        return CheckClaims(claims, now, out reason) ? claims : null;
    }

    private bool TryFindKey(TokenHeader header, DateTimeOffset now, [NotNullWhen(true)] out TrustedKey? key, out string reason)
    {
        reason = "";
        if (header.CertificateChain is not null)
        {
            key = trust.ValidateChain(header.CertificateChain, now, out reason);
            return key is not null;
        }

        if (header.JwkCertificateChain is not null)
        {
            key = trust.ValidateChain(header.JwkCertificateChain, now, out reason);
            return key is not null;
        }

        if (header.JwkKeyId is not null || header.KeyId is not null)
        {
            var keyId = header.JwkKeyId ?? header.KeyId!;
            key = trust.FindByKeyId(keyId);
            if (key is null)
            {
                reason = $"the token is signed by the untrusted key id {keyId}";
            }

            return key is not null;
        }

        key = null;
        reason = "the token names no signing key: it has no x5c, jwk or kid header";
        return false;
    }

    private bool CheckClaims(TokenClaims claims, DateTimeOffset now, out string reason)
    {
        if (claims.Issuer != issuer)
        {
            reason = $"the token's issuer '{claims.Issuer}' is not the configured issuer";
            return false;
        }

        if (!claims.Audience.Contains(service))
        {
            reason = $"the token's audience [{string.Join(", ", claims.Audience)}] does not contain the service '{service}'";
            return false;
        }

        // A token without exp is rejected, because distribution reads a missing exp as 0, long past.
        var expires = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(claims.Expires ?? 0, -62135596800, 253402300799));
        if (now > expires + Leeway)
        {
            reason = claims.Expires is null ? "the token has no exp" : $"the token expired at {expires:O}";
            return false;
        }

        if (claims.NotBefore is { } notBeforeSeconds)
        {
            var notBefore = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(notBeforeSeconds, -62135596800, 253402300799));
            if (now < notBefore - Leeway)
            {
                reason = $"the token is not valid before {notBefore:O}";
                return false;
            }
        }

        reason = "";
        return true;
    }
}
