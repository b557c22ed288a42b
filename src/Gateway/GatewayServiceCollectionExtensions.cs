using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Gateway.Auth;
using Registry.Gateway.Endpoints;
using Registry.Gateway.Http;
using Registry.Gateway.Maintenance;
using Registry.Gateway.Metrics;
using Registry.Gateway.Routing;
using Registry.Gateway.Streaming;

namespace Registry.Gateway;

/// <summary>Registers the HTTP gateway of the registry and maps its <c>/v2/</c> API.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryGateway(this IServiceCollection services, Action<GatewayOptions> configure)
    {
        services.Configure(configure);
        services.AddSingleton<BlobSender>();
        services.AddSingleton<UploadBodyWriter>();
        services.AddSingleton<CatalogEndpoint>();
        services.AddSingleton<TagsEndpoint>();
        services.AddSingleton<ManifestEndpoints>();
        services.AddSingleton<BlobEndpoints>();
        services.AddSingleton<UploadEndpoints>();
        services.AddSingleton<ReferrersEndpoint>();
        services.AddSingleton<RegistryDispatcher>();
        return services;
    }

    /// <summary>
    /// Adds the middleware and the <c>/v2</c> endpoints: request metrics when they were registered
    /// (<see cref="MetricsServiceCollectionExtensions.AddRegistryRequestMetrics"/>), the error
    /// middleware, authentication when a provider was registered
    /// (<see cref="AuthServiceCollectionExtensions.AddRegistryAuth"/>), and read-only mode when
    /// <see cref="ReadOnlyModeOptions.Enabled"/> is set.
    /// </summary>
    public static WebApplication MapRegistryGateway(this WebApplication app)
    {
        if (app.Services.GetService<RequestMetrics>() is not null)
        {
            app.UseMiddleware<RequestMetricsMiddleware>();
        }

        app.UseMiddleware<RegistryErrorMiddleware>();
        app.UseRegistryAuth();
        if (app.Services.GetRequiredService<IOptions<ReadOnlyModeOptions>>().Value.Enabled)
        {
            app.UseMiddleware<ReadOnlyModeMiddleware>();
        }

        var dispatcher = app.Services.GetRequiredService<RegistryDispatcher>();
        app.Map("/v2", (HttpContext context) => dispatcher.DispatchAsync(context));
        app.Map("/v2/{**path}", (HttpContext context) => dispatcher.DispatchAsync(context));
        return app;
    }
}
