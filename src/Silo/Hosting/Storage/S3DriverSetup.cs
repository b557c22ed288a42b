using Microsoft.Extensions.Logging;
using Registry.Silo.Configuration;
using Registry.Storage.Drivers;

namespace Registry.Silo.Hosting.Storage;

/// <summary>Maps the <c>storage.s3</c> section onto the driver's options.</summary>
internal static class S3DriverSetup
{
    public static IStorageDriver Create(S3StorageSection section, ILoggerFactory loggerFactory) =>
        throw new NotImplementedException("placeholder until the driver lands");
}
