using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Gateway.StorageMiddleware;
using Registry.Silo.Configuration;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.FileSystem;
using Registry.Storage.Drivers.InMemory;
using Registry.Storage.Middleware;

namespace Registry.Silo.Hosting.Storage;

/// <summary>
/// Creates the storage driver that the configuration's <c>storage</c> section names, wrapped in the
/// <c>middleware.storage</c> entries in list order, so that the last entry is the outermost, as in distribution.
/// </summary>
internal static class StorageDriverFactory
{
    /// <exception cref="ConfigurationException">The driver rejects its options; the message names the key.</exception>
    public static IStorageDriver Create(RegistryConfiguration configuration, ILoggerFactory loggerFactory)
    {
        var storage = configuration.Storage;
        try
        {
            return storage.Driver switch
            {
                "inmemory" => new InMemoryDriver(),
                "s3" => S3DriverSetup.Create(storage.S3!, loggerFactory),
                "azure" => AzureDriverSetup.Create(storage.Azure!, loggerFactory),
                "gcs" => GcsDriverSetup.Create(storage.Gcs!, loggerFactory),
                "swift" => SwiftDriverSetup.Create(storage.Swift!, loggerFactory),
                _ => new FileSystemDriver(new FileSystemDriverOptions { RootDirectory = configuration.RootDirectory }),
            };
        }
        catch (ArgumentException exception)
        {
            // Driver constructors check their options with ArgumentException, whose messages name the key.
            var suffix = exception.ParamName is null ? "" : $" (Parameter '{exception.ParamName}')";
            throw new ConfigurationException(exception.Message.EndsWith(suffix, StringComparison.Ordinal) ? exception.Message[..^suffix.Length] : exception.Message);
        }
    }

    /// <summary>
    /// Wraps <paramref name="driver"/> in each of <paramref name="middleware"/>. The cloudfront middleware
    /// takes its services (the current request, the clock, logging) from <paramref name="services"/>.
    /// </summary>
    public static IStorageDriver ApplyMiddleware(
        IStorageDriver driver,
        RegistryConfiguration configuration,
        IReadOnlyList<StorageMiddlewareSpec> middleware,
        IServiceProvider services)
    {
        var objectKey = ObjectKeyOf(driver, configuration);
        var wrapped = driver;
        foreach (var spec in middleware)
        {
            wrapped = spec switch
            {
                RedirectMiddlewareSpec redirect => new RedirectStorageMiddleware(wrapped, redirect.BaseUrl),
                CloudFrontMiddlewareSpec cloudFront => new CloudFrontStorageMiddleware(
                    wrapped,
                    cloudFront.Options,
                    objectKey,
                    cloudFront.AwsRanges,
                    services.GetService<IHttpContextAccessor>(),
                    TimeProvider.System,
                    services.GetRequiredService<ILogger<CloudFrontStorageMiddleware>>()),
                _ => throw new InvalidOperationException($"storage middleware '{spec.Name}' has no factory"),
            };
        }

        return wrapped;
    }

    /// <summary>
    /// Returns how the configured driver names its object keys, for the cloudfront middleware, or null
    /// for a driver without object keys. An S3 driver that does not implement
    /// <see cref="IObjectKeyMapping"/> gets distribution's S3 rule: <c>rootdirectory</c> plus the path,
    /// without a leading slash.
    /// </summary>
    private static Func<string, string>? ObjectKeyOf(IStorageDriver driver, RegistryConfiguration configuration)
    {
        if (driver is IObjectKeyMapping mapping)
        {
            return mapping.ObjectKey;
        }

        if (configuration.Storage.Driver == "s3" && configuration.Storage.S3 is { } s3)
        {
            var root = s3.RootDirectory.TrimEnd('/');
            return path => (root + path).TrimStart('/');
        }

        return null;
    }
}
