using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging;

namespace Registry.Storage.Drivers.S3;

/// <summary>Builds the SDK client from <see cref="S3DriverOptions"/>.</summary>
internal static class S3ClientFactory
{
    /// <summary>Region used to sign requests to an S3-compatible endpoint configured without a region.</summary>
    private const string DefaultSigningRegion = "us-east-1";

    public static AmazonS3Client Create(S3DriverOptions options, ILogger logger)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            UseDualstackEndpoint = options.UseDualStack,
            UseAccelerateEndpoint = options.Accelerate,
            UseFIPSEndpoint = options.UseFipsEndpoint,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = Math.Max(0, options.MaxAttempts - 1),
            ConnectTimeout = options.ConnectTimeout,
            Timeout = options.RequestTimeout,

            // Checksums only where the API requires one: S3-compatible services (Swift's s3api among
            // them) reject the trailing checksums that the SDK sends by default.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            HttpClientFactory = new S3HttpClientFactory(options, logger),
        };

        if (options.UserAgent.Length > 0)
        {
            // The SDK appends "app/<ClientAppId>" to its own User-Agent, as distribution's client appends its free-form text.
            config.ClientAppId = options.UserAgent;
        }

        var endpoint = EndpointUrl(options);
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
            config.UseHttp = !options.Secure;
        }
        else
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = options.Region.Length > 0 ? options.Region : DefaultSigningRegion;
        }

        if (options.AccessKey.Length > 0 && options.SecretKey.Length > 0)
        {
            return new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
        }

        // No static keys: the SDK's default chain (environment, profile, web identity, container, instance metadata).
        return new AmazonS3Client(config);
    }

    /// <summary>Returns the endpoint URL with a scheme, or null for AWS's own endpoints.</summary>
    public static string? EndpointUrl(S3DriverOptions options)
    {
        if (options.RegionEndpoint.Length == 0)
        {
            return null;
        }

        if (options.RegionEndpoint.Contains("://", StringComparison.Ordinal))
        {
            return options.RegionEndpoint;
        }

        return (options.Secure ? "https://" : "http://") + options.RegionEndpoint;
    }

    /// <summary>Creates one HttpClient per SDK client, with the driver's timeouts, TLS choice and request logging.</summary>
    private sealed class S3HttpClientFactory(S3DriverOptions options, ILogger logger) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig)
        {
            var sockets = new SocketsHttpHandler
            {
                ConnectTimeout = options.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AllowAutoRedirect = false,
            };
            if (options.SkipVerify)
            {
                sockets.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            }

            HttpMessageHandler transport = options.WrapHttpHandler is { } wrap ? wrap(sockets) : sockets;
            return new HttpClient(new S3HttpHandler(transport, logger, options.LogRequests)) { Timeout = options.RequestTimeout };
        }

        // Null caches the HttpClient per SDK client, so it is disposed with the driver's client.
        public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;
    }
}
