using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Registry.Storage.Layout;

/// <summary>
/// A repository name as the OCI distribution specification defines it: slash-separated components
/// of <c>[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*</c>, at most 255 characters (distribution's limit).
/// </summary>
public readonly partial record struct RepositoryName
{
    public const int MaxLength = 255;

    private RepositoryName(string value) => Value = value;

    public string Value { get; }

    // \z rather than $, which also matches before a final newline.
    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*\z")]
    private static partial Regex NamePattern();

    public static RepositoryName Parse(string value) =>
        TryParse(value, out var name, out var error) ? name : throw new FormatException(error);

    public static bool TryParse(string? value, out RepositoryName name, [NotNullWhen(false)] out string? error)
    {
        name = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "repository name is empty";
            return false;
        }

        if (value.Length > MaxLength)
        {
            error = $"repository name is {value.Length} characters long; the maximum is {MaxLength}";
            return false;
        }

        if (!NamePattern().IsMatch(value))
        {
            error = $"repository name '{value}' must be lowercase components of letters and digits, separated by '/', joined inside a component by '.', '_', '__' or '-'";
            return false;
        }

        name = new RepositoryName(value);
        error = null;
        return true;
    }

    public override string ToString() => Value ?? "";
}
