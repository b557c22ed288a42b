using Microsoft.Net.Http.Headers;

namespace Registry.Gateway.Auth;

/// <summary>
/// <c>auth.silly</c>: grants every request that has a non-empty <c>Authorization</c> header, whatever
/// it contains, and rejects the others with a Bearer challenge whose scope lists each needed action on
/// its own, as distribution's silly provider does. For tests only: it checks nothing.
/// </summary>
internal sealed class SillyAccessController(string realm, string service) : IAccessController
{
    /// <summary>The user name of every granted request, as distribution's.</summary>
    public const string UserName = "silly";

    public string Provider => "silly";

    public AccessDecision Authorize(HttpRequest request, IReadOnlyList<AccessItem> required)
    {
        if (!string.IsNullOrEmpty(request.Headers[HeaderNames.Authorization]))
        {
            return AccessDecision.Grant(UserName);
        }

        return AccessDecision.Deny(
            AccessFailure.CredentialsMissing,
            Challenge.Bearer(realm, service, Scope.PerItem(required)),
            "no Authorization header");
    }
}
