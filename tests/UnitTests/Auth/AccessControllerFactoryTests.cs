using Registry.Gateway.Auth;

namespace Registry.UnitTests.Auth;

public sealed class AccessControllerFactoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-auth-config-tests-").FullName;
    private readonly string _bundle;

    public AccessControllerFactoryTests()
    {
        (_bundle, _) = TokenTestPki.Shared.WriteFiles(_directory);
    }

    private TokenAuthOptions Token(Action<TokenAuthOptions>? change = null)
    {
        var options = new TokenAuthOptions { Realm = TokenTestPki.Realm, Service = TokenTestPki.Service, Issuer = TokenTestPki.Issuer, RootCertBundle = _bundle };
        change?.Invoke(options);
        return options;
    }

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static AuthConfigurationException CreateFails(AuthOptions options) =>
        Assert.Throws<AuthConfigurationException>(() => AccessControllerFactory.Create(options, new CapturingLoggerFactory(), TimeProvider.System));

    [Fact]
    public void Create_NothingConfigured_ReturnsNull()
    {
        Assert.Null(AccessControllerFactory.Create(null, new CapturingLoggerFactory(), TimeProvider.System));
        Assert.Null(AccessControllerFactory.Create(new AuthOptions(), new CapturingLoggerFactory(), TimeProvider.System));
    }

    public static TheoryData<string, string, string> BrokenSettings => new()
    {
        { "two providers", "auth", "only one provider" },
        { "silly without realm", "auth.silly.realm", "is required" },
        { "silly without service", "auth.silly.service", "is required" },
        { "htpasswd without realm", "auth.htpasswd.realm", "is required" },
        { "htpasswd without path", "auth.htpasswd.path", "is required" },
        { "htpasswd in a directory that cannot exist", "auth.htpasswd.path", "cannot be created" },
        { "token without realm", "auth.token.realm", "is required" },
        { "token without service", "auth.token.service", "is required" },
        { "token without issuer", "auth.token.issuer", "is required" },
        { "token realm with a line break", "auth.token.realm", "printable ASCII" },
        { "token without keys", "auth.token", "rootcertbundle or jwks is required" },
        { "token bundle missing", "auth.token.rootcertbundle", "cannot read" },
        { "token bundle not PEM", "auth.token", "no token signing key" },
        { "token bundle with a broken certificate", "auth.token.rootcertbundle", "invalid PEM certificate" },
        { "token jwks missing", "auth.token.jwks", "cannot read" },
        { "token jwks not JSON", "auth.token.jwks", "not valid JSON" },
        { "token jwks without keys", "auth.token.jwks", "\"keys\" array" },
        { "token jwks with only an HMAC key", "auth.token", "no token signing key" },
        { "token algorithm unknown", "auth.token.signingalgorithms", "unsupported signing algorithm 'XS256'" },
        { "token algorithm none", "auth.token.signingalgorithms", "unsupported signing algorithm 'none'" },
        { "token algorithms none verifiable", "auth.token.signingalgorithms", "none of the listed algorithms" },
        { "token autoredirectpath relative", "auth.token.autoredirectpath", "starts with '/'" },
    };

    [Theory]
    [MemberData(nameof(BrokenSettings))]
    public void Create_BrokenSetting_FailsNamingKey(string name, string key, string message)
    {
        var options = name switch
        {
            "two providers" => new AuthOptions { Silly = new() { Realm = "r", Service = "s" }, Token = Token() },
            "silly without realm" => new AuthOptions { Silly = new() { Service = "s" } },
            "silly without service" => new AuthOptions { Silly = new() { Realm = "r" } },
            "htpasswd without realm" => new AuthOptions { Htpasswd = new() { Path = Path.Combine(_directory, "htpasswd") } },
            "htpasswd without path" => new AuthOptions { Htpasswd = new() { Realm = "r" } },
            "htpasswd in a directory that cannot exist" => new AuthOptions { Htpasswd = new() { Realm = "r", Path = Path.Combine(WriteFile("a-file", ""), "htpasswd") } },
            "token without realm" => new AuthOptions { Token = Token(token => token.Realm = null) },
            "token without service" => new AuthOptions { Token = Token(token => token.Service = "") },
            "token without issuer" => new AuthOptions { Token = Token(token => token.Issuer = null) },
            "token realm with a line break" => new AuthOptions { Token = Token(token => token.Realm = "https://auth\r\nX-Injected: 1") },
            "token without keys" => new AuthOptions { Token = Token(token => token.RootCertBundle = null) },
            "token bundle missing" => new AuthOptions { Token = Token(token => token.RootCertBundle = Path.Combine(_directory, "missing.pem")) },
            "token bundle not PEM" => new AuthOptions { Token = Token(token => token.RootCertBundle = WriteFile("plain.txt", "not a certificate")) },
            "token bundle with a broken certificate" => new AuthOptions
            {
                Token = Token(token => token.RootCertBundle = WriteFile("broken.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")),
            },
            "token jwks missing" => new AuthOptions { Token = Token(token => token.Jwks = Path.Combine(_directory, "missing.json")) },
            "token jwks not JSON" => new AuthOptions { Token = Token(token => token.Jwks = WriteFile("bad.json", "{keys")) },
            "token jwks without keys" => new AuthOptions { Token = Token(token => token.Jwks = WriteFile("nokeys.json", "{\"key\":[]}")) },
            "token jwks with only an HMAC key" => new AuthOptions
            {
                Token = Token(token =>
                {
                    token.RootCertBundle = null;
                    token.Jwks = WriteFile("oct.json", "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"h\",\"k\":\"c2VjcmV0\"}]}");
                }),
            },
            "token algorithm unknown" => new AuthOptions { Token = Token(token => token.SigningAlgorithms = ["RS256", "XS256"]) },
            "token algorithm none" => new AuthOptions { Token = Token(token => token.SigningAlgorithms = ["none"]) },
            "token algorithms none verifiable" => new AuthOptions { Token = Token(token => token.SigningAlgorithms = ["HS256", "EdDSA"]) },
            "token autoredirectpath relative" => new AuthOptions { Token = Token(token => { token.AutoRedirect = true; token.AutoRedirectPath = "auth/token"; }) },
            _ => throw new ArgumentException($"no options for case {name}"),
        };

        var exception = CreateFails(options);

        Assert.Equal(key, exception.Key);
        Assert.Contains(message, exception.Message);
        Assert.StartsWith(key + ": ", exception.Message);
    }

    [Fact]
    public void Create_DocumentationAlgorithmList_LoadsWithWarnings()
    {
        // The example of distribution's configuration reference lists EdDSA, HS256 and ES512.
        var loggers = new CapturingLoggerFactory();

        var controller = AccessControllerFactory.Create(
            new AuthOptions { Token = Token(token => token.SigningAlgorithms = ["EdDSA", "HS256", "ES512"]) }, loggers, TimeProvider.System);

        Assert.NotNull(controller);
        var warnings = loggers.Entries.Where(entry => entry.EventId == Registry.Gateway.Logging.GatewayEventIds.TokenAlgorithmIgnored).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, entry => entry.Message.Contains("EdDSA"));
        Assert.Contains(warnings, entry => entry.Message.Contains("HS256"));
    }

    [Fact]
    public void Create_JwksWithUnsupportedKey_SkipsItWithWarning()
    {
        var loggers = new CapturingLoggerFactory();
        var (_, jwks) = TokenTestPki.Shared.WriteFiles(_directory);
        var mixed = WriteFile("mixed.json", File.ReadAllText(jwks).Replace("[{", "[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"},{"));

        var controller = AccessControllerFactory.Create(
            new AuthOptions { Token = Token(token => { token.RootCertBundle = null; token.Jwks = mixed; }) }, loggers, TimeProvider.System);

        Assert.NotNull(controller);
        var skipped = Assert.Single(loggers.Entries, entry => entry.EventId == Registry.Gateway.Logging.GatewayEventIds.TokenJwksKeySkipped);
        Assert.Contains("key 0", skipped.Message);
        Assert.Contains("OKP", skipped.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
