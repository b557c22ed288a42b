using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Registry.Gateway.Auth.Token;

/// <summary>
/// <c>auth.token</c>: Docker token authentication. A request must carry <c>Authorization: Bearer</c>
/// with a token that <see cref="TokenVerifier"/> accepts and whose <c>access</c> claim grants every
/// needed action. Otherwise the response is a Bearer challenge with realm, service and scope, plus
/// <c>error="invalid_token"</c> for a token that is not valid and <c>error="insufficient_scope"</c>
/// for one that grants too little, as distribution sends them.
/// </summary>
internal sealed class TokenAccessController(TokenVerifier verifier, TokenAuthOptions options) : IAccessController
{
    /// <summary>The realm path when <c>autoredirect</c> is on and <c>autoredirectpath</c> is not set; distribution's default.</summary>
    public const string DefaultAutoRedirectPath = "/auth/token";

    public string Provider => "token";

    public AccessDecision Authorize(HttpRequest request, IReadOnlyList<AccessItem> required)
    {
        var scope = Scope.Grouped(required);
        string? header = request.Headers[HeaderNames.Authorization];
        var separator = header?.IndexOf(' ') ?? -1;
        if (header is null || separator < 0 || !header[..separator].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || separator == header.Length - 1)
        {
            var reason = string.IsNullOrEmpty(header) ? "no Authorization header" : "the Authorization header does not hold a bearer token";
            return AccessDecision.Deny(AccessFailure.CredentialsMissing, Challenge.Bearer(Realm(request), options.Service!, scope), reason);
        }

        var claims = verifier.Verify(header[(separator + 1)..], out var problem);
        if (claims is null)
        {
            return AccessDecision.Deny(AccessFailure.CredentialsInvalid, Challenge.Bearer(Realm(request), options.Service!, scope, "invalid_token"), problem);
        }

        var missing = required.Where(item => !claims.Grants(item)).ToList();
        if (missing.Count > 0)
        {
            return AccessDecision.Deny(
                AccessFailure.InsufficientScope,
                Challenge.Bearer(Realm(request), options.Service!, scope, "insufficient_scope"),
                $"the token of '{claims.Subject}' does not grant {Scope.Grouped(missing)}");
        }

        return AccessDecision.Grant(claims.Subject ?? "");
    }

    /// <summary>
    /// Returns the realm of the challenge: the configured one, or with <c>autoredirect</c> one built
    /// from the request. Only <c>http</c> or <c>https</c> is taken from <c>X-Forwarded-Proto</c>, and a
    /// Host that cannot be sent in a header falls back to the configured realm.
    /// </summary>
    private string Realm(HttpRequest request)
    {
        if (!options.AutoRedirect || !request.Host.HasValue || !Challenge.IsHeaderSafe(request.Host.Value))
        {
            return options.Realm!;
        }

        var forwarded = request.Headers["X-Forwarded-Proto"];
        var scheme = StringValues.IsNullOrEmpty(forwarded) ? "https" : forwarded.ToString().Trim().ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            scheme = "https";
        }

        return $"{scheme}://{request.Host.Value}{options.AutoRedirectPath ?? DefaultAutoRedirectPath}";
    }
}
