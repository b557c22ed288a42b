namespace Registry.EndToEndTests.Infrastructure;

/// <summary>Helpers for the YAML config files that the tests write.</summary>
public static class Yaml
{
    /// <summary>Returns <paramref name="value"/> as a single-quoted YAML scalar, with each <c>'</c> doubled.</summary>
    public static string Quote(string value) => $"'{value.Replace("'", "''")}'";

    /// <summary>Indents every non-empty line of <paramref name="yaml"/> by <paramref name="spaces"/> spaces and ends it with a newline.</summary>
    public static string Indent(string yaml, int spaces)
    {
        var prefix = new string(' ', spaces);
        var lines = yaml.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        return string.Concat(lines.Select(line => line.Length == 0 ? "\n" : $"{prefix}{line}\n"));
    }
}
