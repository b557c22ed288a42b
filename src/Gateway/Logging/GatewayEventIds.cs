namespace Registry.Gateway.Logging;

/// <summary>The event ids of every gateway log message (range 3000–3999), in one table so they stay unique.</summary>
internal static class GatewayEventIds
{
    public const int RequestFailed = 3000;
    public const int ClientDisconnected = 3001;
    public const int UploadClientDisconnected = 3002;
    public const int RequestRejected = 3003;
}
