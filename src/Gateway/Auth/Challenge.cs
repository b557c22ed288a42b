using System.Text;

namespace Registry.Gateway.Auth;

/// <summary>Builds <c>WWW-Authenticate</c> values in distribution's format (RFC 7235 challenges).</summary>
internal static class Challenge
{
    /// <summary><c>Basic realm="…"</c>.</summary>
    public static string Basic(string realm) => $"Basic realm={Quote(realm)}";

    /// <summary>
    /// <c>Bearer realm="…",service="…"</c>, then <c>scope="…"</c> when <paramref name="scope"/> is not
    /// empty and <c>error="…"</c> when <paramref name="error"/> is set (RFC 6750 section 3).
    /// </summary>
    public static string Bearer(string realm, string service, string scope, string? error = null)
    {
        var value = new StringBuilder($"Bearer realm={Quote(realm)},service={Quote(service)}");
        if (scope.Length > 0)
        {
            value.Append(",scope=").Append(Quote(scope));
        }

        if (error is not null)
        {
            value.Append(",error=").Append(Quote(error));
        }

        return value.ToString();
    }

    /// <summary>
    /// Writes <paramref name="value"/> as an RFC 7230 quoted-string, escaping <c>"</c> and <c>\</c>.
    /// Callers pass only printable ASCII: configured values are checked at start-up by
    /// <see cref="IsHeaderSafe"/>, and scopes hold only validated repository names.
    /// </summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var character in value)
        {
            if (character is '"' or '\\')
            {
                quoted.Append('\\');
            }

            quoted.Append(character);
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>Whether <paramref name="value"/> is printable ASCII, the only text a response header may carry.</summary>
    public static bool IsHeaderSafe(string value) => value.All(character => character is >= ' ' and <= '~');
}
