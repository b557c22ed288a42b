using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Registry.Gateway.Auth;

/// <summary>Registers and mounts the authentication of the registry API.</summary>
public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Registers the provider that <paramref name="options"/> configures; with none configured this
    /// does nothing, and the registry serves every request. The provider is built, and its files
    /// read or created, when the gateway is mapped: a bad setting then raises
    /// <see cref="AuthConfigurationException"/>.
    /// </summary>
    public static IServiceCollection AddRegistryAuth(this IServiceCollection services, AuthOptions? options)
    {
        if (options is null || !options.IsEnabled)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => AccessControllerFactory.Create(
            options,
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<TimeProvider>())!);
        return services;
    }

    /// <summary>
    /// Adds the authentication middleware when <see cref="AddRegistryAuth"/> registered a provider.
    /// Call it after the error middleware, which sends the 401 responses.
    /// </summary>
    internal static IApplicationBuilder UseRegistryAuth(this IApplicationBuilder app)
    {
        var controller = app.ApplicationServices.GetService<IAccessController>();
        return controller is null ? app : app.UseMiddleware<RegistryAuthMiddleware>(controller);
    }

    /// <summary>
    /// Builds the provider from <paramref name="options"/> and adds the middleware, for a host whose
    /// services are already built. In a <see cref="WebApplication"/> the mapped endpoints run last,
    /// so this still runs before them when called after the gateway is mapped.
    /// </summary>
    internal static IApplicationBuilder UseRegistryAuth(this IApplicationBuilder app, AuthOptions options)
    {
        var services = app.ApplicationServices;
        var controller = AccessControllerFactory.Create(
            options,
            services.GetRequiredService<ILoggerFactory>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System);
        return controller is null ? app : app.UseMiddleware<RegistryAuthMiddleware>(controller);
    }
}
