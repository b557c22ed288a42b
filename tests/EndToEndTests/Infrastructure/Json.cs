using System.Text.Json;

namespace Registry.EndToEndTests.Infrastructure;

public static class Json
{
    /// <summary>Parses UTF-8 JSON into an element that outlives its document.</summary>
    public static JsonElement Parse(byte[] utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        return document.RootElement.Clone();
    }

    /// <summary>Returns the strings of a JSON array, in order.</summary>
    public static string[] Strings(JsonElement array) =>
        array.EnumerateArray().Select(item => item.GetString() ?? throw new FormatException($"null in array {array}")).ToArray();
}
