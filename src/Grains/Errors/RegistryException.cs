namespace Registry.Grains.Errors;

/// <summary>
/// A failure that the client caused or must be informed of, carrying the OCI error code. Grains throw
/// it; only the gateway turns it into a status and an error body.
/// </summary>
[GenerateSerializer]
public sealed class RegistryException : Exception
{
    public RegistryException(RegistryErrorCode code, string message, string? detail = null)
        : base(message)
    {
        Code = code;
        Detail = detail;
    }

    [Id(0)]
    public RegistryErrorCode Code { get; }

    /// <summary>An optional machine-readable detail, sent as the error's <c>detail</c> string.</summary>
    [Id(1)]
    public string? Detail { get; }
}
