using Microsoft.Extensions.Logging;
using Registry.Silo.Configuration;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.S3;

namespace Registry.Silo.Hosting.Storage;

/// <summary>Maps the <c>storage.s3</c> section onto the driver's options.</summary>
internal static class S3DriverSetup
{
    public static IStorageDriver Create(S3StorageSection section, ILoggerFactory loggerFactory) =>
        new S3Driver(MapOptions(section), loggerFactory.CreateLogger<S3Driver>());

    /// <summary>
    /// Maps the section onto <see cref="S3DriverOptions"/> and validates it; a size left at 0 takes
    /// distribution's default. Raises <see cref="ConfigurationException"/> naming each invalid key.
    /// </summary>
    public static S3DriverOptions MapOptions(S3StorageSection section)
    {
        var options = new S3DriverOptions
        {
            AccessKey = section.AccessKey,
            SecretKey = section.SecretKey,
            Region = section.Region,
            RegionEndpoint = section.RegionEndpoint,
            Bucket = section.Bucket,
            ForcePathStyle = section.ForcePathStyle,
            Secure = section.Secure,
            SkipVerify = section.SkipVerify,
            V4Auth = section.V4Auth,
            UseDualStack = section.UseDualStack,
            Accelerate = section.Accelerate,
            UseFipsEndpoint = section.UseFipsEndpoint,
            Encrypt = section.Encrypt,
            KeyId = section.KeyId,
            RootDirectory = section.RootDirectory,
            UserAgent = section.UserAgent,
            LogRequests = LogsRequests(section.LogLevel),
        };

        // NOTE: the section cannot tell an unset size from 0, so 0 means "not set". An explicit 0
        // therefore takes the default, where distribution rejects it.
        if (section.ChunkSize != 0)
        {
            options.ChunkSize = section.ChunkSize;
        }

        if (section.MultipartCopyChunkSize != 0)
        {
            options.MultipartCopyChunkSize = section.MultipartCopyChunkSize;
        }

        if (section.MultipartCopyMaxConcurrency != 0)
        {
            options.MultipartCopyMaxConcurrency = section.MultipartCopyMaxConcurrency;
        }

        if (section.MultipartCopyThresholdSize != 0)
        {
            options.MultipartCopyThresholdSize = section.MultipartCopyThresholdSize;
        }

        if (section.StorageClass.Length > 0)
        {
            options.StorageClass = section.StorageClass.ToUpperInvariant();
        }

        if (section.ObjectAcl.Length > 0)
        {
            options.ObjectAcl = section.ObjectAcl;
        }

        var problems = S3DriverOptionsValidator.Problems(options);
        if (problems.Count > 0)
        {
            throw new ConfigurationException(string.Join(" ", problems));
        }

        return options;
    }

    /// <summary>
    /// Maps distribution's <c>loglevel</c> (the Go SDK's levels) onto request logging at Debug.
    /// Every level but <c>off</c> logs the method, path and status of each request; the levels that
    /// add signatures or bodies log no more, because those may carry secrets.
    /// </summary>
    private static bool LogsRequests(string logLevel) => logLevel.ToLowerInvariant() switch
    {
        "debug" or "debugwithsigning" or "debugwithhttpbody" or "debugwithrequestretries"
            or "debugwithrequesterrors" or "debugwitheventstreambody" => true,
        _ => false,
    };
}
