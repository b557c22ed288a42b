using System.Globalization;
using System.Reflection;

namespace Registry.Silo.Configuration.Binding;

/// <summary>Converts scalar text to the .NET type of an options property, as distribution's YAML reader would.</summary>
internal static class ScalarParser
{
    // go-yaml v2 (YAML 1.1) reads all of these as booleans.
    private static readonly string[] TrueWords = ["true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON"];
    private static readonly string[] FalseWords = ["false", "False", "FALSE", "no", "No", "NO", "n", "N", "off", "Off", "OFF"];

    /// <summary>Converts <paramref name="text"/> and returns false when it is not a value of <paramref name="type"/>.</summary>
    public static bool TryParse(Type type, string text, out object? value)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        value = null;
        if (underlying == typeof(string))
        {
            value = text;
            return true;
        }

        if (underlying == typeof(bool))
        {
            var isTrue = TrueWords.Contains(text);
            value = isTrue;
            return isTrue || FalseWords.Contains(text);
        }

        if (underlying == typeof(int))
        {
            var parsed = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number);
            value = number;
            return parsed;
        }

        if (underlying == typeof(long))
        {
            var parsed = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number);
            value = number;
            return parsed;
        }

        if (underlying == typeof(TimeSpan))
        {
            return TryParseDuration(text, out value);
        }

        if (underlying.IsEnum)
        {
            var member = EnumMembers(underlying).FirstOrDefault(member => string.Equals(member.Name, text, StringComparison.OrdinalIgnoreCase));
            value = member.Value;
            return member.Value is not null;
        }

        throw new InvalidOperationException($"{type} is not a scalar configuration type");
    }

    /// <summary>The rule a value of <paramref name="type"/> follows, completing "... but ...".</summary>
    public static string Rule(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(bool))
        {
            return "must be true or false";
        }

        if (underlying == typeof(int) || underlying == typeof(long))
        {
            return "must be a whole number";
        }

        if (underlying == typeof(TimeSpan))
        {
            return "must be a duration such as 500ms, 10s, 1h30m or 24h";
        }

        if (underlying.IsEnum)
        {
            return "must be one of " + string.Join(", ", EnumMembers(underlying).Select(member => member.Name));
        }

        return "must be text";
    }

    /// <summary>The configuration spelling of an enum value, from its <see cref="ConfigNameAttribute"/>.</summary>
    public static string NameOf(Enum value) =>
        EnumMembers(value.GetType()).First(member => Equals(member.Value, value)).Name;

    // go-yaml v2 reads a bare integer into a Go time.Duration as nanoseconds, so "10" is 10 ns.
    private static bool TryParseDuration(string text, out object? value)
    {
        value = null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var nanoseconds))
        {
            value = TimeSpan.FromTicks(nanoseconds / 100);
            return true;
        }

        if (GoDuration.TryParse(text, out var duration))
        {
            value = duration;
            return true;
        }

        return false;
    }

    private static IEnumerable<(string Name, object? Value)> EnumMembers(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (field.GetCustomAttribute<ConfigNameAttribute>()?.Name ?? field.Name.ToLowerInvariant(), field.GetValue(null)));
}
