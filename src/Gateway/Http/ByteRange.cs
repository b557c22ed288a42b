using System.Globalization;

namespace Registry.Gateway.Http;

/// <summary>
/// One range of a <c>Range: bytes=…</c> request header (RFC 9110 section 14.2), resolved against a
/// blob's size: <c>a-b</c>, <c>a-</c> or the suffix form <c>-n</c>. Several ranges are not
/// supported: such a request is served whole, which RFC 9110 allows.
/// </summary>
internal readonly record struct ByteRange(long Start, long End)
{
    public long Length => End - Start + 1;

    public enum ParseResult
    {
        /// <summary>No usable range: serve the whole blob.</summary>
        None,
        Satisfiable,
        Unsatisfiable,
    }

    public static ParseResult TryParse(string? header, long size, out ByteRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult.None;
        }

        var spec = header[6..].Trim();
        if (spec.Contains(','))
        {
            return ParseResult.None;
        }

        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return ParseResult.None;
        }

        var first = spec[..dash].Trim();
        var second = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // Suffix range: the last n bytes.
            if (!long.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return ParseResult.None;
            }

            if (suffix == 0 || size == 0)
            {
                return ParseResult.Unsatisfiable;
            }

            range = new ByteRange(Math.Max(0, size - suffix), size - 1);
            return ParseResult.Satisfiable;
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return ParseResult.None;
        }

        var end = size - 1;
        if (second.Length > 0)
        {
            if (!long.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
            {
                return ParseResult.None;
            }

            end = Math.Min(end, size - 1);
        }

        if (start >= size)
        {
            return ParseResult.Unsatisfiable;
        }

        range = new ByteRange(start, end);
        return ParseResult.Satisfiable;
    }
}
