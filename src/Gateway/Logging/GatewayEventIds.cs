namespace Registry.Gateway.Logging;

/// <summary>The event ids of every gateway log message (range 3000–3999), in one table so they stay unique.</summary>
internal static class GatewayEventIds
{
    public const int RequestFailed = 3000;
    public const int ClientDisconnected = 3001;
    public const int UploadClientDisconnected = 3002;
    public const int RequestRejected = 3003;
    public const int BlobRedirected = 3004;

    // Authentication: 3100-3199.
    public const int AuthEnabled = 3100;
    public const int AuthDenied = 3101;
    public const int AuthGranted = 3102;
    public const int HtpasswdCreated = 3110;
    public const int HtpasswdLoaded = 3111;
    public const int HtpasswdLineSkipped = 3112;
    public const int TokenAlgorithmIgnored = 3120;
    public const int TokenKeysLoaded = 3121;
    public const int TokenJwksKeySkipped = 3122;

    // Storage middleware: 3200-3299.
    public const int CloudFrontUnsupportedDriver = 3200;
    public const int CloudFrontSkippedForAws = 3201;
    public const int AwsIpRangesLoaded = 3210;
    public const int AwsIpRangesFailed = 3211;
    public const int AwsIpRangesStopped = 3212;
}
