using Microsoft.Extensions.Logging;
using Registry.Gateway.Auth.Htpasswd;
using Registry.Gateway.Auth.Token;

namespace Registry.Gateway.Auth;

/// <summary>
/// Validates <see cref="AuthOptions"/> and builds the provider it names. Every problem raises
/// <see cref="AuthConfigurationException"/> with the key, so a bad <c>auth</c> section stops start-up.
/// </summary>
internal static class AccessControllerFactory
{
    /// <summary>Returns the configured provider, or null when <paramref name="options"/> configures none.</summary>
    public static IAccessController? Create(AuthOptions? options, ILoggerFactory loggers, TimeProvider time)
    {
        if (options is null || !options.IsEnabled)
        {
            return null;
        }

        var configured = new[] { ("silly", options.Silly is not null), ("htpasswd", options.Htpasswd is not null), ("token", options.Token is not null) }
            .Where(entry => entry.Item2)
            .Select(entry => entry.Item1)
            .ToList();
        if (configured.Count > 1)
        {
            throw new AuthConfigurationException("auth", $"only one provider may be configured, but {string.Join(" and ", configured)} are; remove all but one");
        }

        var logger = loggers.CreateLogger("Registry.Gateway.Auth");
        IAccessController controller;
        if (options.Silly is { } silly)
        {
            controller = new SillyAccessController(HeaderValue("auth.silly.realm", silly.Realm), HeaderValue("auth.silly.service", silly.Service));
        }
        else if (options.Htpasswd is { } htpasswd)
        {
            controller = new HtpasswdAccessController(HeaderValue("auth.htpasswd.realm", htpasswd.Realm), Required("auth.htpasswd.path", htpasswd.Path), logger);
        }
        else
        {
            controller = CreateToken(options.Token!, logger, time);
        }

        AuthLog.AuthEnabled(logger, controller.Provider);
        return controller;
    }

    private static TokenAccessController CreateToken(TokenAuthOptions token, ILogger logger, TimeProvider time)
    {
        HeaderValue("auth.token.realm", token.Realm);
        var service = HeaderValue("auth.token.service", token.Service);
        var issuer = Required("auth.token.issuer", token.Issuer);
        if (token.AutoRedirect && token.AutoRedirectPath is { } path && (!path.StartsWith('/') || !Challenge.IsHeaderSafe(path)))
        {
            throw new AuthConfigurationException("auth.token.autoredirectpath", $"'{path}' must be a path that starts with '/' and contains only printable ASCII");
        }

        if (string.IsNullOrEmpty(token.RootCertBundle) && string.IsNullOrEmpty(token.Jwks))
        {
            throw new AuthConfigurationException("auth.token", "rootcertbundle or jwks is required: the registry needs a key to verify tokens with");
        }

        var algorithms = Algorithms(token.SigningAlgorithms, logger);
        var trust = TokenTrust.Load(token.RootCertBundle, token.Jwks, logger);
        AuthLog.TokenKeysLoaded(logger, trust.RootCount, trust.KeyIdCount, string.Join(", ", algorithms.Keys));
        return new TokenAccessController(new TokenVerifier(trust, algorithms, issuer, service, time), token);
    }

    /// <summary>
    /// Returns the accepted algorithms: all supported ones when the list is empty, else those listed.
    /// Algorithms that distribution accepts but this registry does not verify are dropped with a warning.
    /// </summary>
    private static Dictionary<string, SigningAlgorithm> Algorithms(IList<string> names, ILogger logger)
    {
        if (names.Count == 0)
        {
            return new Dictionary<string, SigningAlgorithm>(SigningAlgorithm.Supported, StringComparer.Ordinal);
        }

        var accepted = new Dictionary<string, SigningAlgorithm>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (SigningAlgorithm.Supported.TryGetValue(name, out var algorithm))
            {
                accepted[name] = algorithm;
            }
            else if (SigningAlgorithm.KnownUnsupported.Contains(name))
            {
                AuthLog.TokenAlgorithmIgnored(logger, name);
            }
            else
            {
                throw new AuthConfigurationException(
                    "auth.token.signingalgorithms",
                    $"unsupported signing algorithm '{name}'; use {string.Join(", ", SigningAlgorithm.Supported.Keys)}");
            }
        }

        if (accepted.Count == 0)
        {
            throw new AuthConfigurationException(
                "auth.token.signingalgorithms",
                $"none of the listed algorithms can be verified here; list at least one of {string.Join(", ", SigningAlgorithm.Supported.Keys)}");
        }

        return accepted;
    }

    private static string Required(string key, string? value) =>
        string.IsNullOrEmpty(value) ? throw new AuthConfigurationException(key, "is required") : value;

    /// <summary>Returns a required value that is sent in <c>WWW-Authenticate</c>, so it must be printable ASCII.</summary>
    private static string HeaderValue(string key, string? value)
    {
        var text = Required(key, value);
        return Challenge.IsHeaderSafe(text)
            ? text
            : throw new AuthConfigurationException(key, $"'{text}' contains a character that cannot be sent in the WWW-Authenticate header; use printable ASCII");
    }
}
