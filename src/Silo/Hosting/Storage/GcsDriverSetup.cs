using Microsoft.Extensions.Logging;
using Registry.Silo.Configuration;
using Registry.Storage.Drivers;

namespace Registry.Silo.Hosting.Storage;

/// <summary>Maps the <c>storage.gcs</c> section onto the driver's options.</summary>
internal static class GcsDriverSetup
{
    public static IStorageDriver Create(GcsStorageSection section, ILoggerFactory loggerFactory) =>
        throw new NotImplementedException("placeholder until the driver lands");
}
