using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Registry.Gateway.Auth.Token;

/// <summary>One entry of a token's <c>access</c> claim: the actions granted on one resource.</summary>
internal sealed record ResourceActions(string Type, string Name, IReadOnlyList<string> Actions);

/// <summary>
/// The claims of a registry token (distribution's token specification): <c>iss</c>, <c>sub</c>,
/// <c>aud</c> (a string or a list), <c>exp</c> and <c>nbf</c> in seconds since the Unix epoch, and
/// <c>access</c>.
/// </summary>
internal sealed record TokenClaims(
    string? Issuer,
    string? Subject,
    IReadOnlyList<string> Audience,
    long? Expires,
    long? NotBefore,
    IReadOnlyList<ResourceActions> Access)
{
    /// <summary>
    /// Returns whether the <c>access</c> claim grants <paramref name="item"/>: an entry of the same
    /// type and name that lists the action or <c>*</c>.
    /// </summary>
    public bool Grants(AccessItem item) => Access.Any(entry =>
        entry.Type == item.Type
        && entry.Name == item.Name
        && (entry.Actions.Contains(item.Action) || entry.Actions.Contains("*")));

    /// <summary>Reads the claims; returns false with a reason when a known claim has the wrong JSON type.</summary>
    public static bool TryParse(byte[] json, [NotNullWhen(true)] out TokenClaims? claims, out string reason)
    {
        claims = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                reason = "the claims are not a JSON object";
                return false;
            }

            claims = new TokenClaims(
                OptionalString(root, "iss"),
                OptionalString(root, "sub"),
                ReadAudience(root),
                OptionalSeconds(root, "exp"),
                OptionalSeconds(root, "nbf"),
                ReadAccess(root));
            reason = "";
            return true;
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            reason = $"the claims are not valid: {exception.Message}";
            return false;
        }
    }

    private static IReadOnlyList<string> ReadAudience(JsonElement root)
    {
        if (!root.TryGetProperty("aud", out var audience) || audience.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return audience.ValueKind switch
        {
            JsonValueKind.String => [audience.GetString()!],
            JsonValueKind.Array => audience.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new FormatException("aud is not a string or a list of strings")).ToList(),
            _ => throw new FormatException("aud is not a string or a list of strings"),
        };
    }

    private static IReadOnlyList<ResourceActions> ReadAccess(JsonElement root)
    {
        if (!root.TryGetProperty("access", out var access) || access.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (access.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("access is not a list");
        }

        var entries = new List<ResourceActions>();
        foreach (var entry in access.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("an access entry is not a JSON object");
            }

            var actions = new List<string>();
            if (entry.TryGetProperty("actions", out var list) && list.ValueKind != JsonValueKind.Null)
            {
                if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
                {
                    throw new FormatException("the actions of an access entry are not a list of strings");
                }

                actions.AddRange(list.EnumerateArray().Select(item => item.GetString()!));
            }

            entries.Add(new ResourceActions(OptionalString(entry, "type") ?? "", OptionalString(entry, "name") ?? "", actions));
        }

        return entries;
    }

    private static string? OptionalString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new FormatException($"{name} is not a string");
    }

    private static long? OptionalSeconds(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new FormatException($"{name} is not a number");
        }

        // NumericDate may have a fraction (RFC 7519 section 2); whole seconds are enough here.
        return value.TryGetInt64(out var seconds) ? seconds : (long)Math.Floor(value.GetDouble());
    }
}
