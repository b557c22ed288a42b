using Microsoft.Extensions.Logging;
using Registry.Silo.Configuration;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.Swift;

namespace Registry.Silo.Hosting.Storage;

/// <summary>Maps the <c>storage.swift</c> section onto the driver's options.</summary>
internal static class SwiftDriverSetup
{
    /// <summary>Creates the driver; it authenticates and creates the container on first use.</summary>
    /// <exception cref="ConfigurationException">A key is missing or invalid; the message names it.</exception>
    public static IStorageDriver Create(SwiftStorageSection section, ILoggerFactory loggerFactory)
    {
        var options = ToOptions(section);
        try
        {
            options.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new ConfigurationException(exception.Message);
        }

        return new SwiftDriver(options, loggerFactory.CreateLogger<SwiftDriver>());
    }

    internal static SwiftDriverOptions ToOptions(SwiftStorageSection section)
    {
        if (section.Prefix.Length > 0 && section.RootDirectory.Length > 0 && section.Prefix.Trim('/') != section.RootDirectory.Trim('/'))
        {
            throw new ConfigurationException(
                "storage.swift.prefix and storage.swift.rootdirectory are both set and differ: set only storage.swift.prefix.");
        }

        var options = new SwiftDriverOptions
        {
            AuthUrl = section.AuthUrl,
            Username = section.Username,
            Password = section.Password,
            Container = section.Container,
            Tenant = section.Tenant,
            TenantId = section.TenantId,
            Domain = section.Domain,
            DomainId = section.DomainId,
            TenantDomain = section.TenantDomain,
            TenantDomainId = section.TenantDomainId,
            TrustId = section.TrustId,
            Region = section.Region,
            AuthVersion = section.AuthVersion,
            EndpointType = section.EndpointType.Length > 0 ? section.EndpointType : "public",
            InsecureSkipVerify = section.InsecureSkipVerify,
            Prefix = section.Prefix.Length > 0 ? section.Prefix : section.RootDirectory,
            SecretKey = section.SecretKey,
            AccessKey = section.AccessKey,
            TempUrlContainerKey = section.TempUrlContainerKey,
            TempUrlMethods = section.TempUrlMethods,
        };
        if (section.ChunkSize != 0)
        {
            options.ChunkSize = section.ChunkSize;
        }

        return options;
    }
}
