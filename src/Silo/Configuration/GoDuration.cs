using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Registry.Silo.Configuration;

/// <summary>
/// Parses durations written as Go's <c>time.ParseDuration</c> accepts them, the form distribution's
/// configuration uses: an optional sign, then one or more decimal numbers each followed by a unit
/// (<c>ns</c>, <c>us</c>, <c>µs</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>), such as <c>10s</c>,
/// <c>1h30m</c>, <c>1.5h</c> or <c>-2m</c>. A bare <c>0</c> is zero. Any other number needs a unit.
/// </summary>
/// <remarks>
/// The result is a <see cref="TimeSpan"/>, whose resolution is 100 ns, so a remainder below 100 ns is
/// truncated toward zero (<c>150ns</c> is one tick). The range is Go's: at most 2^63-1 ns, about 292 years.
/// </remarks>
public static class GoDuration
{
    private const long NanosecondsPerTick = 100;

    private static readonly (string Unit, long Nanoseconds)[] Units =
    [
        ("ns", 1),
        ("us", 1_000),
        ("\u00b5s", 1_000), // micro sign
        ("\u03bcs", 1_000), // Greek small letter mu
        ("ms", 1_000_000),
        ("s", 1_000_000_000),
        ("m", 60_000_000_000),
        ("h", 3_600_000_000_000),
    ];

    /// <summary>Parses <paramref name="text"/>, or throws <see cref="FormatException"/> naming the text.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a duration such as 500ms, 10s, 1h30m or 24h");

    /// <summary>Parses <paramref name="text"/> and returns false for an invalid or out-of-range duration.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!TryParseNanoseconds(text, out var nanoseconds))
        {
            return false;
        }

        value = TimeSpan.FromTicks(nanoseconds / NanosecondsPerTick);
        return true;
    }

    /// <summary>
    /// Parses <paramref name="text"/> into whole nanoseconds. Each component is computed exactly with
    /// <see cref="decimal"/> arithmetic and truncated toward zero, then the components are summed.
    /// </summary>
    public static bool TryParseNanoseconds([NotNullWhen(true)] string? text, out long nanoseconds)
    {
        nanoseconds = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var position = 0;
        var negative = false;
        if (text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            position = 1;
        }

        if (text.AsSpan(position) is "0")
        {
            return true;
        }

        if (position == text.Length)
        {
            return false;
        }

        decimal total = 0;
        while (position < text.Length)
        {
            if (!TryReadNumber(text, ref position, out var number) || !TryReadUnit(text, ref position, out var unit))
            {
                return false;
            }

            // A number above the range would overflow decimal arithmetic before the range check.
            if (number > long.MaxValue)
            {
                return false;
            }

            total += decimal.Truncate(number * unit);
            if (total > long.MaxValue)
            {
                return false;
            }
        }

        nanoseconds = negative ? -(long)total : (long)total;
        return true;
    }

    // Reads digits with an optional fraction. Go accepts "1.", ".5" and "1.5" but not a lone ".".
    private static bool TryReadNumber(string text, ref int position, out decimal number)
    {
        number = 0;
        var start = position;
        while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'))
        {
            position++;
        }

        var digits = text.AsSpan(start, position - start);
        if (digits.Length == 0 || digits is "." || digits.Count('.') > 1)
        {
            return false;
        }

        // NOTE: decimal keeps 28-29 significant digits, so a longer fraction is rounded there, while Go
        // truncates such a fraction instead, which can differ by at most 1 ns.
        return decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    private static bool TryReadUnit(string text, ref int position, out long nanoseconds)
    {
        nanoseconds = 0;
        var start = position;
        while (position < text.Length && !char.IsAsciiDigit(text[position]) && text[position] != '.')
        {
            position++;
        }

        var unit = text.AsSpan(start, position - start);
        foreach (var (name, value) in Units)
        {
            if (unit.SequenceEqual(name))
            {
                nanoseconds = value;
                return true;
            }
        }

        return false;
    }
}
