namespace Registry.Silo.Configuration;

/// <summary>
/// A warning or notice found while loading the configuration, for the host to log at start-up.
/// <see cref="Location"/> is <c>file:line</c>, an environment variable name, or the file alone.
/// </summary>
public sealed record ConfigurationMessage(string Location, string Text)
{
    public override string ToString() => $"{Location}: {Text}";
}
