namespace Registry.Gateway.Auth;

/// <summary>
/// The <c>auth</c> section of distribution's <c>config.yml</c>. At most one provider may be set; with
/// none set, every request is served without authentication.
/// </summary>
public sealed class AuthOptions
{
    /// <summary><c>auth.silly</c>: accepts any request that has an <c>Authorization</c> header. For tests only.</summary>
    public SillyAuthOptions? Silly { get; set; }

    /// <summary><c>auth.htpasswd</c>: HTTP Basic authentication against an htpasswd file of bcrypt hashes.</summary>
    public HtpasswdAuthOptions? Htpasswd { get; set; }

    /// <summary><c>auth.token</c>: Bearer JSON Web Tokens issued by an external token server.</summary>
    public TokenAuthOptions? Token { get; set; }

    /// <summary>Whether any provider is configured.</summary>
    public bool IsEnabled => Silly is not null || Htpasswd is not null || Token is not null;
}

/// <summary>Settings of <c>auth.silly</c>.</summary>
public sealed class SillyAuthOptions
{
    /// <summary><c>realm</c>: sent in the <c>WWW-Authenticate: Bearer</c> challenge; required.</summary>
    public string? Realm { get; set; }

    /// <summary><c>service</c>: sent in the challenge; required.</summary>
    public string? Service { get; set; }
}

/// <summary>Settings of <c>auth.htpasswd</c>.</summary>
public sealed class HtpasswdAuthOptions
{
    /// <summary><c>realm</c>: sent in the <c>WWW-Authenticate: Basic</c> challenge; required.</summary>
    public string? Realm { get; set; }

    /// <summary>
    /// <c>path</c>: the htpasswd file; required. A missing file is created at start-up with the user
    /// <c>docker</c> and a generated password, as distribution does.
    /// </summary>
    public string? Path { get; set; }
}

/// <summary>Settings of <c>auth.token</c>.</summary>
public sealed class TokenAuthOptions
{
    /// <summary><c>realm</c>: the token server URL sent in the <c>WWW-Authenticate: Bearer</c> challenge; required.</summary>
    public string? Realm { get; set; }

    /// <summary><c>service</c>: the name of this registry; a token's <c>aud</c> must contain it; required.</summary>
    public string? Service { get; set; }

    /// <summary><c>issuer</c>: a token's <c>iss</c> must equal it; required.</summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// <c>rootcertbundle</c>: a PEM file of certificates. A token's <c>x5c</c> chain must end in one of
    /// them, and their keys are also trusted by key id. This or <see cref="Jwks"/> is required.
    /// </summary>
    public string? RootCertBundle { get; set; }

    /// <summary><c>jwks</c>: a JSON Web Key Set file of trusted keys, matched by <c>kid</c>. This or <see cref="RootCertBundle"/> is required.</summary>
    public string? Jwks { get; set; }

    /// <summary>
    /// <c>signingalgorithms</c>: the JWS algorithms accepted. Empty means every algorithm this
    /// registry verifies: RS256, RS384, RS512, ES256, ES384, ES512, PS256, PS384 and PS512.
    /// </summary>
    public IList<string> SigningAlgorithms { get; set; } = [];

    /// <summary>
    /// <c>autoredirect</c>: when true, the challenge's realm is built from the request instead of
    /// <see cref="Realm"/>: the scheme of <c>X-Forwarded-Proto</c> (default https), the request's
    /// <c>Host</c> and <see cref="AutoRedirectPath"/>. Default false.
    /// </summary>
    public bool AutoRedirect { get; set; }

    /// <summary><c>autoredirectpath</c>: the realm's path when <see cref="AutoRedirect"/> is on; default <c>/auth/token</c>, as distribution.</summary>
    public string? AutoRedirectPath { get; set; }
}
