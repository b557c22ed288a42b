using Microsoft.Extensions.Primitives;

namespace Registry.Gateway.Http;

/// <summary>Content negotiation for manifests: which stored media types a request's <c>Accept</c> allows.</summary>
internal static class AcceptHeader
{
    /// <summary>
    /// True when the request sends no <c>Accept</c>, accepts <c>*/*</c>, or lists
    /// <paramref name="mediaType"/> (parameters such as <c>q</c> are ignored).
    /// </summary>
    public static bool Allows(StringValues accept, string mediaType)
    {
        if (StringValues.IsNullOrEmpty(accept))
        {
            return true;
        }

        foreach (var header in accept)
        {
            if (header is null)
            {
                continue;
            }

            foreach (var part in header.Split(','))
            {
                var semicolon = part.IndexOf(';');
                var type = (semicolon >= 0 ? part[..semicolon] : part).Trim();
                if (type == "*/*" || string.Equals(type, mediaType, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
