using Microsoft.Extensions.DependencyInjection;

namespace Registry.Grains.Maintenance;

/// <summary>Registers upload purging in a silo host.</summary>
public static class UploadPurgeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <paramref name="options"/> for the purge grain and, when purging is enabled, the
    /// service that schedules it. Call it after the silo is added, so the service starts after the silo.
    /// </summary>
    public static IServiceCollection AddUploadPurging(this IServiceCollection services, UploadPurgeOptions options)
    {
        options.Validate();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        if (options.Enabled)
        {
            services.AddHostedService<UploadPurgeService>();
        }

        return services;
    }
}
