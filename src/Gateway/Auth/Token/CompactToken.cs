using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Registry.Gateway.Auth.Token;

/// <summary>
/// The JOSE header of a token, reduced to what selects the signing key: <c>alg</c>, and the key's
/// <c>x5c</c> chain, embedded <c>jwk</c> (its <c>kid</c> and <c>x5c</c>) or <c>kid</c>.
/// </summary>
internal sealed record TokenHeader(string Algorithm, string? KeyId, IReadOnlyList<string>? CertificateChain, string? JwkKeyId, IReadOnlyList<string>? JwkCertificateChain);

/// <summary>
/// A JWS in compact serialization (RFC 7515 section 7.1), split and decoded but not verified:
/// the header, the payload bytes, the signing input (<c>header.payload</c> in ASCII) and the signature.
/// </summary>
internal sealed record CompactToken(TokenHeader Header, byte[] Payload, byte[] SigningInput, byte[] Signature)
{
    /// <summary>
    /// Splits and decodes a token. Returns false with a reason when it does not have three
    /// unpadded base64url parts, when the header is not a JSON object with a string <c>alg</c>, or
    /// when it has a <c>crit</c> member, because this registry implements no JWS extension.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out CompactToken? token, out string reason)
    {
        token = null;
        var parts = text.Split('.');
        if (parts.Length != 3)
        {
            reason = $"a compact JWS has 3 parts separated by '.', this one has {parts.Length}";
            return false;
        }

        if (!TryDecode(parts[0], out var headerBytes) || !TryDecode(parts[1], out var payload) || !TryDecode(parts[2], out var signature))
        {
            reason = "a part is not unpadded base64url";
            return false;
        }

        if (!TryReadHeader(headerBytes, out var header, out reason))
        {
            return false;
        }

        token = new CompactToken(header, payload, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature);
        return true;
    }

    private static bool TryDecode(string part, out byte[] bytes)
    {
        bytes = [];
        if (part.Length == 0 || part.Contains('=') || !Base64Url.IsValid(part))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(part);
        return true;
    }

    private static bool TryReadHeader(byte[] json, [NotNullWhen(true)] out TokenHeader? header, out string reason)
    {
        header = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reason = "the header is not a JSON object";
                return false;
            }

            if (root.TryGetProperty("crit", out _))
            {
                reason = "the header has a crit member, and no JWS extension is supported";
                return false;
            }

            if (!root.TryGetProperty("alg", out var algorithm) || algorithm.ValueKind != JsonValueKind.String)
            {
                reason = "the header has no alg";
                return false;
            }

            string? jwkKeyId = null;
            IReadOnlyList<string>? jwkChain = null;
            if (root.TryGetProperty("jwk", out var jwk))
            {
                if (jwk.ValueKind != JsonValueKind.Object)
                {
                    reason = "the header's jwk is not a JSON object";
                    return false;
                }

                jwkKeyId = OptionalString(jwk, "kid");
                jwkChain = OptionalStrings(jwk, "x5c");
            }

            header = new TokenHeader(algorithm.GetString()!, OptionalString(root, "kid"), OptionalStrings(root, "x5c"), jwkKeyId, jwkChain);
            reason = "";
            return true;
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            reason = $"the header is not valid: {exception.Message}";
            return false;
        }
    }

    private static string? OptionalString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new FormatException($"{name} is not a string");
    }

    private static IReadOnlyList<string>? OptionalStrings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            throw new FormatException($"{name} is not an array of strings");
        }

        return value.EnumerateArray().Select(item => item.GetString()!).ToList();
    }
}
