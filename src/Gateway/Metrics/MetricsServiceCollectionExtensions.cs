using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Registry.Gateway.Metrics;

/// <summary>Registers the gateway's request metrics.</summary>
public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Records request metrics into <paramref name="registry"/>. Without this call the gateway adds
    /// no metrics middleware at all.
    /// </summary>
    public static IServiceCollection AddRegistryRequestMetrics(this IServiceCollection services, CollectorRegistry registry)
    {
        services.AddSingleton(new RequestMetrics(registry));
        return services;
    }
}
