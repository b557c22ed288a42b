using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Registry.Gateway.Auth;
using Registry.Grains.Errors;

namespace Registry.UnitTests.Auth;

public sealed class RegistryAuthMiddlewareTests
{
    private static readonly AuthOptions Silly = new() { Silly = new SillyAuthOptions { Realm = "silly-realm", Service = "silly-service" } };

    /// <summary>Builds the pipeline the gateway would: the guarded mount, then an endpoint that records the user.</summary>
    private static RequestDelegate Pipeline(AuthOptions? options)
    {
        var services = new ServiceCollection().AddLogging().AddRegistryAuth(options).BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.UseRegistryAuth();
        app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.Headers["X-User"] = context.User.FindFirstValue(ClaimTypes.Name) ?? "(anonymous)";
            return Task.CompletedTask;
        });
        return app.Build();
    }

    private static DefaultHttpContext Context(string path, string? authorization = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }

    [Fact]
    public async Task UseRegistryAuth_NothingConfigured_ServesEveryRequest()
    {
        var context = Context("/v2/team/app/manifests/latest");

        await Pipeline(new AuthOptions())(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("(anonymous)", context.Response.Headers["X-User"]);
    }

    [Fact]
    public async Task UseRegistryAuth_Denied_ThrowsWithChallenge()
    {
        var context = Context("/v2/team/app/manifests/latest");

        var exception = await Assert.ThrowsAsync<RegistryException>(() => Pipeline(Silly)(context));

        Assert.Equal(RegistryErrorCode.Unauthorized, exception.Code);
        Assert.Equal("repository:team/app:pull", exception.Detail);
        Assert.Equal("Bearer realm=\"silly-realm\",service=\"silly-service\",scope=\"repository:team/app:pull\"", context.Response.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task UseRegistryAuth_Granted_SetsUser()
    {
        var context = Context("/v2/team/app/manifests/latest", "anything");

        await Pipeline(Silly)(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("silly", context.Response.Headers["X-User"]);
    }

    [Fact]
    public async Task UseRegistryAuth_OutsideApi_Passes()
    {
        var context = Context("/debug/health");

        await Pipeline(Silly)(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }
}
