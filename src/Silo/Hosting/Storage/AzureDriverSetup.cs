using Microsoft.Extensions.Logging;
using Registry.Silo.Configuration;
using Registry.Storage.Drivers;

namespace Registry.Silo.Hosting.Storage;

/// <summary>Maps the <c>storage.azure</c> section onto the driver's options.</summary>
internal static class AzureDriverSetup
{
    public static IStorageDriver Create(AzureStorageSection section, ILoggerFactory loggerFactory) =>
        throw new NotImplementedException("placeholder until the driver lands");
}
