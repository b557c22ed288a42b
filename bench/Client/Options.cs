using System.Globalization;

namespace Registry.Bench;

/// <summary>Invalid command-line usage: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A failed measurement: an unexpected status, a wrong count or a broken response.</summary>
internal sealed class BenchException(string message) : Exception(message);

/// <summary>The <c>--name value</c> pairs of one command line.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(ReadOnlySpan<string> args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new UsageException($"expected '--name value' pairs, got '{args[i]}'");
            }

            options._values[args[i][2..]] = args[i + 1];
        }

        return options;
    }

    public string GetString(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var value) ? value
        : fallback ?? throw new UsageException($"missing option --{name}");

    public long GetLong(string name, long? fallback = null)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback ?? throw new UsageException($"missing option --{name}");
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new UsageException($"--{name} must be a non-negative integer, got '{text}'");
        }

        return value;
    }

    public int GetInt(string name, int? fallback = null) => checked((int)GetLong(name, fallback));

    public double GetDouble(string name, double fallback)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new UsageException($"--{name} must be a positive number, got '{text}'");
        }

        return value;
    }

    public long[] GetSizes(string name) =>
        GetString(name).Split(',').Select(text =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
                ? size
                : throw new UsageException($"--{name} must list positive byte counts separated by commas, got '{text}'")).ToArray();

    /// <summary>Returns <c>--registry</c>, rejecting any host that is not on the loopback interface.</summary>
    public Uri GetRegistry()
    {
        var text = GetString("registry");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new UsageException($"--registry must be an http:// URL, got '{text}'");
        }

        if (!uri.IsLoopback)
        {
            throw new UsageException($"--registry must be on the loopback interface (127.0.0.1, localhost or [::1]), got '{uri.Host}'");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }
}
