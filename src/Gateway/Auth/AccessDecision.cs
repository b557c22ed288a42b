namespace Registry.Gateway.Auth;

/// <summary>Why a request was not authorized; each kind has its own message to the client.</summary>
internal enum AccessFailure
{
    /// <summary>The request carries no credentials of the provider's scheme.</summary>
    CredentialsMissing,

    /// <summary>The credentials are malformed, unknown, expired or otherwise not valid.</summary>
    CredentialsInvalid,

    /// <summary>The credentials are valid but do not grant every access the request needs.</summary>
    InsufficientScope,
}

/// <summary>
/// The outcome of an access check: the user name when granted, otherwise the failure, the
/// <c>WWW-Authenticate</c> challenge to send and a reason for the log. The reason never contains a
/// password or a token.
/// </summary>
internal sealed record AccessDecision(string? User, AccessFailure Failure, string? Challenge, string Reason)
{
    public bool IsGranted => User is not null;

    public static AccessDecision Grant(string user) => new(user, default, null, "granted");

    public static AccessDecision Deny(AccessFailure failure, string challenge, string reason) => new(null, failure, challenge, reason);
}

/// <summary>Checks one request's credentials against the access it needs: one implementation per <c>auth</c> provider.</summary>
internal interface IAccessController
{
    /// <summary>The provider's key under <c>auth</c>: <c>silly</c>, <c>htpasswd</c> or <c>token</c>.</summary>
    string Provider { get; }

    AccessDecision Authorize(HttpRequest request, IReadOnlyList<AccessItem> required);
}
