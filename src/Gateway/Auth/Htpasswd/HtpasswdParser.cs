using System.Text.RegularExpressions;

namespace Registry.Gateway.Auth.Htpasswd;

/// <summary>A line of an htpasswd file that was not used, with the reason. Neither names the hash.</summary>
internal readonly record struct HtpasswdSkippedLine(int Line, string Reason);

/// <summary>The users of an htpasswd file with their bcrypt hashes, and the lines that were skipped.</summary>
internal sealed record HtpasswdEntries(IReadOnlyDictionary<string, string> Hashes, IReadOnlyList<HtpasswdSkippedLine> Skipped);

/// <summary>
/// Parses htpasswd files as distribution reads them: one <c>user:hash</c> per line, surrounding
/// whitespace trimmed, blank lines and lines starting with <c>#</c> ignored, and a later line for the
/// same user replacing an earlier one. Only bcrypt hashes (<c>$2a$</c>, <c>$2b$</c>, <c>$2y$</c>) are
/// accepted. Where distribution rejects the whole file for a line without a colon, this parser skips
/// that line and every other unusable one, and reports its number.
/// </summary>
internal static partial class HtpasswdParser
{
    public const string NotBcrypt = "the hash is not bcrypt; only $2a$, $2b$ and $2y$ hashes are supported";
    public const string MalformedBcrypt = "the bcrypt hash is malformed; expected $2y$<cost 04-31>$ and 53 characters of salt and hash";
    public const string NoSeparator = "the line has no ':' between the user name and the hash";
    public const string EmptyUser = "the user name is empty";

    // Cost, then 22 characters of salt and 31 of hash in bcrypt's base64 alphabet.
    [GeneratedRegex(@"^\$2[aby]\$(?:0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}\z")]
    private static partial Regex BcryptHash();

    public static HtpasswdEntries Parse(TextReader reader)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var definedOn = new Dictionary<string, int>(StringComparer.Ordinal);
        var skipped = new List<HtpasswdSkippedLine>();

        var lineNumber = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var separator = line.IndexOf(':');
            if (separator < 0)
            {
                skipped.Add(new HtpasswdSkippedLine(lineNumber, NoSeparator));
                continue;
            }

            var user = line[..separator];
            var hash = line[(separator + 1)..];
            if (user.Length == 0)
            {
                skipped.Add(new HtpasswdSkippedLine(lineNumber, EmptyUser));
                continue;
            }

            if (!BcryptHash().IsMatch(hash))
            {
                skipped.Add(new HtpasswdSkippedLine(lineNumber, LooksLikeBcrypt(hash) ? MalformedBcrypt : NotBcrypt));
                continue;
            }

            if (definedOn.TryGetValue(user, out var earlier))
            {
                skipped.Add(new HtpasswdSkippedLine(earlier, $"user '{user}' is defined again on line {lineNumber}, which replaces this line"));
            }

            hashes[user] = hash;
            definedOn[user] = lineNumber;
        }

        skipped.Sort((left, right) => left.Line.CompareTo(right.Line));
        return new HtpasswdEntries(hashes, skipped);
    }

    /// <summary>Returns the cost factor of a hash that <see cref="Parse"/> accepted.</summary>
    public static int Cost(string hash) => int.Parse(hash.AsSpan(4, 2), System.Globalization.CultureInfo.InvariantCulture);

    private static bool LooksLikeBcrypt(string hash) =>
        hash.StartsWith("$2a$", StringComparison.Ordinal)
        || hash.StartsWith("$2b$", StringComparison.Ordinal)
        || hash.StartsWith("$2y$", StringComparison.Ordinal);
}
