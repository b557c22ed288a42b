using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Registry.Storage.Layout;

/// <summary>A tag: <c>[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}</c>, as the OCI distribution specification defines it.</summary>
public readonly partial record struct Tag
{
    private Tag(string value) => Value = value;

    public string Value { get; }

    // \z rather than $, which also matches before a final newline.
    [GeneratedRegex(@"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}\z")]
    private static partial Regex TagPattern();

    public static Tag Parse(string value) =>
        TryParse(value, out var tag, out var error) ? tag : throw new FormatException(error);

    public static bool TryParse(string? value, out Tag tag, [NotNullWhen(false)] out string? error)
    {
        tag = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "tag is empty";
            return false;
        }

        if (!TagPattern().IsMatch(value))
        {
            error = $"tag '{value}' must be 1 to 128 characters of letters, digits, '_', '.' or '-', not starting with '.' or '-'";
            return false;
        }

        tag = new Tag(value);
        error = null;
        return true;
    }

    public override string ToString() => Value ?? "";
}
