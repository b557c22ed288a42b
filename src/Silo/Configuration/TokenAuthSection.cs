using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>
/// The <c>auth.token</c> section: Docker token authentication. <c>realm</c>, <c>service</c> and
/// <c>issuer</c> are required, and so is <c>rootcertbundle</c> or <c>jwks</c> (distribution v3 accepts
/// either. V2.8 has only <c>rootcertbundle</c>).
/// </summary>
public sealed class TokenAuthSection : IValidatedSection
{
    /// <summary>The algorithms distribution v3.0 accepts, and its default when <c>signingalgorithms</c> is empty.</summary>
    public static readonly IReadOnlyList<string> KnownSigningAlgorithms =
        ["EdDSA", "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512"];

    private const string Requirement = "token authentication needs realm, service, issuer, and rootcertbundle or jwks";

    /// <summary><c>realm</c>: the token service's URL, sent in the <c>WWW-Authenticate: Bearer</c> challenge.</summary>
    [ConfigKey("realm")]
    public string Realm { get; set; } = "";

    /// <summary><c>service</c>: the name of this registry, which tokens must carry in <c>aud</c>.</summary>
    [ConfigKey("service")]
    public string Service { get; set; } = "";

    /// <summary><c>issuer</c>: the token service's name, which tokens must carry in <c>iss</c>.</summary>
    [ConfigKey("issuer")]
    public string Issuer { get; set; } = "";

    /// <summary><c>rootcertbundle</c>: a PEM file of the certificates whose keys sign tokens.</summary>
    [ConfigKey("rootcertbundle")]
    public string RootCertBundle { get; set; } = "";

    /// <summary><c>jwks</c>: a JSON Web Key Set file of the keys that sign tokens (distribution v3).</summary>
    [ConfigKey("jwks")]
    public string Jwks { get; set; } = "";

    /// <summary>
    /// <c>signingalgorithms</c>: the JWS algorithms accepted. Default empty, which means all of
    /// <see cref="KnownSigningAlgorithms"/> (distribution v3).
    /// </summary>
    [ConfigKey("signingalgorithms")]
    public List<string> SigningAlgorithms { get; set; } = [];

    /// <summary>
    /// <c>autoredirect</c>: whether the realm is built from the request's Host header and
    /// <c>autoredirectpath</c>, with the scheme from X-Forwarded-Proto or https. Default false.
    /// </summary>
    [ConfigKey("autoredirect")]
    public bool AutoRedirect { get; set; }

    /// <summary><c>autoredirectpath</c>: the realm's path when <c>autoredirect</c> is true. Default <c>/auth/token/</c>.</summary>
    [ConfigKey("autoredirectpath")]
    public string AutoRedirectPath { get; set; } = "/auth/token/";

    void IValidatedSection.Validate(ValidationContext context)
    {
        context.RequireText(this, "realm", Realm, Requirement);
        context.RequireText(this, "service", Service, Requirement);
        context.RequireText(this, "issuer", Issuer, Requirement);
        if (string.IsNullOrWhiteSpace(RootCertBundle) && string.IsNullOrWhiteSpace(Jwks))
        {
            throw context.Missing(this, "rootcertbundle", Requirement);
        }

        for (var index = 0; index < SigningAlgorithms.Count; index++)
        {
            if (!KnownSigningAlgorithms.Contains(SigningAlgorithms[index]))
            {
                throw context.Invalid(this, $"signingalgorithms[{index}]", "must be one of " + string.Join(", ", KnownSigningAlgorithms));
            }
        }

        if (!AutoRedirectPath.StartsWith('/'))
        {
            throw context.Invalid(this, "autoredirectpath", "must be a path starting with /");
        }
    }
}
