using Microsoft.Extensions.Logging;
using Registry.Silo.Configuration;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.FileSystem;
using Registry.Storage.Drivers.InMemory;

namespace Registry.Silo.Hosting.Storage;

/// <summary>Creates the storage driver that the configuration's <c>storage</c> section names.</summary>
internal static class StorageDriverFactory
{
    public static IStorageDriver Create(RegistryConfiguration configuration, ILoggerFactory loggerFactory)
    {
        var storage = configuration.Storage;
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
}
