using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Registry.Gateway.Auth.Htpasswd;

/// <summary>Reads HTTP Basic credentials (RFC 7617): <c>Basic base64(user:password)</c>, the text in UTF-8.</summary>
internal static class BasicCredentials
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Returns false unless <paramref name="header"/> uses the Basic scheme (in any case) followed by
    /// one space and standard, padded base64 of UTF-8 text that contains a colon. The password is
    /// everything after the first colon.
    /// </summary>
    public static bool TryParse(string? header, [NotNullWhen(true)] out string? user, [NotNullWhen(true)] out string? password)
    {
        user = null;
        password = null;
        const string scheme = "Basic ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = header.AsSpan(scheme.Length);
        var decoded = new byte[(encoded.Length / 4 * 3) + 3];
        if (encoded.IsEmpty || !Convert.TryFromBase64Chars(encoded, decoded, out var length))
        {
            return false;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(decoded, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var separator = text.IndexOf(':');
        if (separator < 0)
        {
            return false;
        }

        user = text[..separator];
        password = text[(separator + 1)..];
        return true;
    }
}
