using System.Text.RegularExpressions;

namespace Registry.EndToEndTests.Infrastructure;

/// <summary>Checks on the log of this project's registry, written by the console logger in single-line format.</summary>
public static partial class LogAssert
{
    // ASP.NET Core logs "Request finished HTTP/2 GET https://… - 404 0 - 1.2ms" at Information, which
    // the registry shows at log.level debug. Error and Critical entries start with "fail:" and "crit:".
    [GeneratedRegex(@"Request finished .* - 5\d\d ")]
    private static partial Regex ServerErrorResponse();

    [GeneratedRegex(@"\b(fail|crit): ")]
    private static partial Regex ErrorEntry();

    /// <summary>Asserts that no response had a 5xx status and that nothing was logged at Error or Critical level.</summary>
    public static void NoServerErrors(string log)
    {
        var responses = log.Split('\n').Where(line => ServerErrorResponse().IsMatch(line)).ToList();
        Assert.True(responses.Count == 0, $"the registry answered with a 5xx status:\n{string.Join('\n', responses)}");

        var errors = log.Split('\n').Where(line => ErrorEntry().IsMatch(line)).ToList();
        Assert.True(errors.Count == 0, $"the registry logged errors:\n{string.Join('\n', errors)}");
    }

    /// <summary>Asserts that the log contains none of <paramref name="secrets"/>, each named by its description in the message.</summary>
    public static void ContainsNone(string log, IEnumerable<(string Description, string Value)> secrets)
    {
        foreach (var (description, value) in secrets)
        {
            Assert.False(string.IsNullOrEmpty(value), $"the secret '{description}' is empty, so the check would prove nothing");
            Assert.False(log.Contains(value, StringComparison.Ordinal), $"the registry log contains {description}: {value}");
        }
    }

    /// <summary>
    /// Asserts that no base64 line of the PEM private key files appears in the log, which would
    /// happen if a key were logged in whole or in part. Lines shorter than 16 characters, such as
    /// the end of the base64 text, are not checked because they could match by chance.
    /// </summary>
    public static void ContainsNoKeyMaterial(string log, IEnumerable<string> keyFiles)
    {
        foreach (var keyFile in keyFiles)
        {
            var lines = File.ReadAllLines(keyFile).Where(line => line.Length >= 16 && !line.StartsWith("-----", StringComparison.Ordinal));
            ContainsNone(log, lines.Select(line => ($"a line of the private key {keyFile}", line)));
        }
    }
}
