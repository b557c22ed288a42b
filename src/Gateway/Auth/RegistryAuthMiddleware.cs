using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Registry.Grains.Errors;

namespace Registry.Gateway.Auth;

/// <summary>
/// Checks every <c>/v2</c> request against the configured provider before it is dispatched. A
/// denied request gets the provider's <c>WWW-Authenticate</c> challenge and an
/// <see cref="RegistryErrorCode.Unauthorized"/> error, which the error middleware around this one
/// sends as 401 <c>UNAUTHORIZED</c> with the needed scope as detail. A granted request carries the
/// user name in <see cref="HttpContext.User"/>.
/// </summary>
internal sealed class RegistryAuthMiddleware(RequestDelegate next, IAccessController controller, ILogger<RegistryAuthMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!RequiredAccess.TryGet(request.Method, request.Path.Value ?? "", request.Query, out var required))
        {
            return next(context);
        }

        var decision = controller.Authorize(request, required);
        if (!decision.IsGranted)
        {
            var scope = Scope.Grouped(required);
            AuthLog.AuthDenied(logger, request.Method, request.Path, decision.Failure, decision.Reason, scope);
            context.Response.Headers.WWWAuthenticate = decision.Challenge;
            throw new RegistryException(RegistryErrorCode.Unauthorized, Message(decision.Failure), scope.Length == 0 ? null : scope);
        }

        AuthLog.AuthGranted(logger, request.Method, request.Path, decision.User!);
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, decision.User!)], controller.Provider));
        return next(context);
    }

    private static string Message(AccessFailure failure) => failure switch
    {
        AccessFailure.CredentialsMissing => "authentication required",
        AccessFailure.CredentialsInvalid => "the credentials are invalid",
        _ => "the credentials do not grant the access this request needs",
    };
}
