using System.Globalization;

namespace Registry.Gateway.Http;

/// <summary>
/// The <c>Content-Range</c> of an upload chunk: inclusive byte positions <c>start-end</c>, as
/// distribution and the OCI specification write it. The <c>bytes start-end/total</c> form of
/// RFC 9110 is accepted too, since some clients send it.
/// </summary>
internal readonly record struct ContentRange(long Start, long End)
{
    public long Length => End - Start + 1;

    public static bool TryParse(string? value, out ContentRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (text.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            text = text[6..].TrimStart();
            var slash = text.IndexOf('/');
            if (slash >= 0)
            {
                text = text[..slash];
            }
        }

        var dash = text.IndexOf('-');
        if (dash <= 0 || dash == text.Length - 1)
        {
            return false;
        }

        if (!long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || end < start)
        {
            return false;
        }

        range = new ContentRange(start, end);
        return true;
    }
}
