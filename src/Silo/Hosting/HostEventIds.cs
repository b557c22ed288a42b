namespace Registry.Silo.Hosting;

/// <summary>The event ids of every host log message (range 1000–1999), in one table so they stay unique.</summary>
internal static class HostEventIds
{
    public const int TlsConfigured = 1000;
    public const int ClientCertificateRejected = 1001;

    public const int ConfigurationWarning = 1010;
    public const int ConfigurationNotice = 1011;
    public const int RegistryStarting = 1012;

    public const int DebugServerStarted = 1100;
    public const int DebugServerStopped = 1101;
    public const int StorageUnhealthy = 1102;
    public const int StorageHealthy = 1103;
    public const int StorageUnreachable = 1104;
    public const int IdleMemoryTrimmed = 1105;
}
