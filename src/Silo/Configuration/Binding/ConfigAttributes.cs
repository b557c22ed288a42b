namespace Registry.Silo.Configuration.Binding;

/// <summary>The YAML key of an options property, as distribution spells it (lower case, no separators).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ConfigKeyAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}

/// <summary>Marks a password or key whose value never appears in a message.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SecretAttribute : Attribute;

/// <summary>The configuration spelling of an enum member, such as <c>require-and-verify-client-cert</c>.</summary>
[AttributeUsage(AttributeTargets.Field)]
internal sealed class ConfigNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// Lets a section be written as a scalar that names one of its keys, as distribution allows for
/// <c>storage: inmemory</c> and <c>auth: silly</c>. The scalar means that key with no parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ScalarNamesKeyAttribute : Attribute;

/// <summary>
/// Makes an unknown key in this section an error instead of a warning, because distribution reads
/// every other key of the section as the name of a plug-in (a storage driver, an access controller).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class UnknownKeyIsErrorAttribute(string kind, string choices) : Attribute
{
    /// <summary>What the key would name, such as "storage driver".</summary>
    public string Kind { get; } = kind;

    /// <summary>The accepted names, as the message lists them: "filesystem or inmemory".</summary>
    public string Choices { get; } = choices;
}
