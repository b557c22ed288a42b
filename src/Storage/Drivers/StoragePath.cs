using System.Text.RegularExpressions;

namespace Registry.Storage.Drivers;

/// <summary>
/// Validation of driver paths: absolute, slash-separated segments of
/// <c>[A-Za-z0-9._-]</c> (the characters distribution's layout uses), never <c>.</c> or <c>..</c>.
/// </summary>
public static partial class StoragePath
{
    // \z rather than $, which also matches before a final newline.
    [GeneratedRegex(@"^(?:(?:/[A-Za-z0-9._-]+)+|/)\z")]
    private static partial Regex PathPattern();

    public static bool IsValid(string path)
    {
        if (!PathPattern().IsMatch(path))
        {
            return false;
        }

        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment is "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="InvalidPathException"/> unless <paramref name="path"/> is valid.</summary>
    public static void Validate(string driverName, string path)
    {
        if (!IsValid(path))
        {
            throw new InvalidPathException(driverName, path);
        }
    }
}
