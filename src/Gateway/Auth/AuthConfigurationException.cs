namespace Registry.Gateway.Auth;

/// <summary>
/// An <c>auth</c> setting that stops start-up: a missing or invalid value, or a file it names that
/// cannot be read. The message names the key, and the file where there is one.
/// </summary>
public sealed class AuthConfigurationException : Exception
{
    public AuthConfigurationException(string key, string message, Exception? innerException = null)
        : base($"{key}: {message}", innerException)
    {
        Key = key;
    }

    /// <summary>The configuration key at fault, such as <c>auth.token.rootcertbundle</c>.</summary>
    public string Key { get; }
}
