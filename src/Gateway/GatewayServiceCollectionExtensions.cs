using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Registry.Gateway.Endpoints;
using Registry.Gateway.Http;
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

    /// <summary>Adds the error middleware and the <c>/v2</c> endpoints.</summary>
    public static WebApplication MapRegistryGateway(this WebApplication app)
    {
        app.UseMiddleware<RegistryErrorMiddleware>();
        var dispatcher = app.Services.GetRequiredService<RegistryDispatcher>();
        app.Map("/v2", (HttpContext context) => dispatcher.DispatchAsync(context));
        app.Map("/v2/{**path}", (HttpContext context) => dispatcher.DispatchAsync(context));
        return app;
    }
}
