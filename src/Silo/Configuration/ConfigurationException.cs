namespace Registry.Silo.Configuration;

/// <summary>A configuration that cannot be used; the message names the key and, from a file, the line.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
