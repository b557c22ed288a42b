using System.Text.Json;
using Registry.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Registry.EndToEndTests;

/// <summary>The tokens of <see cref="TokenAuthTests.Curl_RejectedToken_GetsBearerChallenge"/>, one per way a token can fail.</summary>
public enum RejectedToken
{
    /// <summary>No Authorization header at all.</summary>
    Missing,

    /// <summary>A token whose <c>exp</c> passed an hour ago, beyond any clock-skew leeway.</summary>
    Expired,

    /// <summary>A token that grants pull and push on another repository only.</summary>
    OtherRepository,

    /// <summary>A token that grants pull only, sent with a push (<c>POST …/blobs/uploads/</c>).</summary>
    PullOnlyOnPush,

    /// <summary>A token for another service (<c>aud</c>).</summary>
    WrongAudience,

    /// <summary>A token signed by a key whose certificate is not in <c>rootcertbundle</c>, named by <c>x5c</c>.</summary>
    UnknownKeyCertificate,

    /// <summary>A token signed by a key that is not in <c>rootcertbundle</c>, named by <c>kid</c>.</summary>
    UnknownKeyId,

    /// <summary>An unsigned token with <c>alg: none</c> whose <c>x5c</c> names a trusted certificate.</summary>
    AlgorithmNone,
}

/// <summary>
/// <c>auth.token</c> over TLS with tokens minted in the test and signed by RS256 and ES256 keys
/// whose self-signed certificates form <c>rootcertbundle</c>. skopeo sends them with
/// <c>--dest-registry-token</c> and <c>--src-registry-token</c>, so the realm is never contacted:
/// it only appears in the challenge.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TokenAuthTests(ITestOutputHelper output) : IDisposable
{
    private const string Realm = "https://127.0.0.1/token";
    private const string Service = "e2e-registry";
    private const string Issuer = "e2e-token-issuer";
    private const string Repository = "e2e/app";
    private static readonly TimeSpan SkopeoTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] LayerSizes = ["256K", "512K"];

    private readonly TestWorkspace _workspace = new(output);
    private readonly TokenSigner _rsa = TokenSigner.CreateRs256("registry test token signer RS256");
    private readonly TokenSigner _ec = TokenSigner.CreateEs256("registry test token signer ES256");
    private readonly TokenSigner _unknown = TokenSigner.CreateEs256("unknown token signer");
    private TlsCertificates? _certificates;

    private TlsCertificates Certificates => _certificates ?? throw new InvalidOperationException("StartAsync has not run.");

    public void Dispose()
    {
        _workspace.Dispose();
        _rsa.Dispose();
        _ec.Dispose();
        _unknown.Dispose();
    }

    [Theory]
    [InlineData("RS256", KeyReference.CertificateChain)]
    [InlineData("RS256", KeyReference.KeyId)]
    [InlineData("ES256", KeyReference.CertificateChain)]
    [InlineData("ES256", KeyReference.KeyId)]
    public async Task Skopeo_SignedToken_PushesAndPulls(string algorithm, KeyReference reference)
    {
        var registry = await StartAsync();
        var signer = algorithm == "RS256" ? _rsa : _ec;
        var pushToken = signer.Sign(Claims(TokenAccess.Repository(Repository, "pull", "push")), reference);
        var pullToken = signer.Sign(Claims(TokenAccess.Repository(Repository, "pull")), reference);
        var image = await TestImage.CreateAsync(output, _workspace.CreateDirectory("image"), "v1", $"token-{algorithm}-{reference}", LayerSizes);
        var certDirectory = Certificates.SkopeoDirectory(_workspace.CreateDirectory("skopeo-certs"), withClientCertificate: false);
        var remote = $"docker://localhost:{registry.Port}/{Repository}:v1";
        var pulled = Path.Combine(_workspace.Path, "pulled");

        await Tool.RunAsync(output, "skopeo", ["copy", "--dest-cert-dir", certDirectory, "--dest-registry-token", pushToken, image.OciReference, remote], SkopeoTimeout);
        await Tool.RunAsync(output, "skopeo", ["copy", "--src-cert-dir", certDirectory, "--src-registry-token", pullToken, remote, $"oci:{pulled}:v1"], SkopeoTimeout);

        var layout = new OciLayout(pulled);
        Assert.Equal(image.Digest, layout.ResolveTag("v1"));
        OciLayout.AssertSameBlobs(image.Layout, layout);

        var log = registry.ReadLog();
        LogAssert.NoServerErrors(log);
        LogAssert.ContainsNone(log, [("the push token", pushToken), ("the pull token", pullToken)]);
    }

    [Theory]
    [InlineData(RejectedToken.Missing)]
    [InlineData(RejectedToken.Expired)]
    [InlineData(RejectedToken.OtherRepository)]
    [InlineData(RejectedToken.PullOnlyOnPush)]
    [InlineData(RejectedToken.WrongAudience)]
    [InlineData(RejectedToken.UnknownKeyCertificate)]
    [InlineData(RejectedToken.UnknownKeyId)]
    [InlineData(RejectedToken.AlgorithmNone)]
    public async Task Curl_RejectedToken_GetsBearerChallenge(RejectedToken kind)
    {
        var registry = await StartAsync();
        var curl = new Curl(output, _workspace.CreateDirectory("curl"), Certificates.Client(withClientCertificate: false));
        var pullPush = TokenAccess.Repository(Repository, "pull", "push");
        const string pullScope = $"repository:{Repository}:pull";

        // distribution v2.8.2 joins the actions in Go map order, and sent "push,pull" in a check run.
        const string pushScope = $"repository:{Repository}:pull,push";

        // Each case: the token (null for none), whether the request is a push, the scope and the error of the challenge.
        var (token, push, scope, error) = kind switch
        {
            RejectedToken.Missing => (null, false, pullScope, null),
            RejectedToken.Expired => (_rsa.Sign(
                Claims(pullPush) with
                {
                    IssuedAt = DateTimeOffset.UtcNow.AddHours(-2),
                    NotBefore = DateTimeOffset.UtcNow.AddHours(-2),
                    Expires = DateTimeOffset.UtcNow.AddHours(-1),
                },
                KeyReference.CertificateChain), false, pullScope, "invalid_token"),
            RejectedToken.OtherRepository => (_rsa.Sign(Claims(TokenAccess.Repository("e2e/other", "pull", "push")), KeyReference.CertificateChain), false, pullScope, "insufficient_scope"),
            RejectedToken.PullOnlyOnPush => (_rsa.Sign(Claims(TokenAccess.Repository(Repository, "pull")), KeyReference.CertificateChain), true, pushScope, "insufficient_scope"),
            RejectedToken.WrongAudience => (_rsa.Sign(Claims(pullPush) with { Audience = "another-registry" }, KeyReference.CertificateChain), false, pullScope, "invalid_token"),
            RejectedToken.UnknownKeyCertificate => (_unknown.Sign(Claims(pullPush), KeyReference.CertificateChain), false, pullScope, "invalid_token"),
            RejectedToken.UnknownKeyId => (_unknown.Sign(Claims(pullPush), KeyReference.KeyId), false, pullScope, "invalid_token"),
            RejectedToken.AlgorithmNone => (_rsa.SignWithAlgorithmNone(Claims(pullPush)), false, pullScope, "invalid_token"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        List<string> arguments = [];
        if (token is not null)
        {
            arguments.AddRange(["--header", $"Authorization: Bearer {token}"]);
        }

        if (push)
        {
            arguments.AddRange(["--request", "POST"]);
        }

        var path = push ? $"/v2/{Repository}/blobs/uploads/" : $"/v2/{Repository}/tags/list";
        var response = await curl.SendAsync($"{registry.BaseUrl}{path}", [.. arguments]);

        var expectedChallenge = $"Bearer realm=\"{Realm}\",service=\"{Service}\",scope=\"{scope}\"" + (error is null ? "" : $",error=\"{error}\"");
        Assert.True(response.Status == 401, response.Describe());
        Assert.Equal(expectedChallenge, response.Header("WWW-Authenticate"));
        Assert.Equal("UNAUTHORIZED", ErrorCode(response));

        var log = registry.ReadLog();
        LogAssert.NoServerErrors(log);
        if (token is not null)
        {
            var signature = token[(token.LastIndexOf('.') + 1)..];
            LogAssert.ContainsNone(log, signature.Length == 0 ? [("the token", token)] : [("the token", token), ("the token's signature", signature)]);
        }
    }

    [Fact]
    public async Task Catalog_NeedsCatalogAccess()
    {
        var registry = await StartAsync();
        var image = await TestImage.CreateAsync(output, _workspace.CreateDirectory("image"), "v1", "token-catalog", LayerSizes);
        var certDirectory = Certificates.SkopeoDirectory(_workspace.CreateDirectory("skopeo-certs"), withClientCertificate: false);
        var pushToken = _ec.Sign(Claims(TokenAccess.Repository(Repository, "pull", "push")), KeyReference.KeyId);
        await Tool.RunAsync(
            output, "skopeo", ["copy", "--dest-cert-dir", certDirectory, "--dest-registry-token", pushToken, image.OciReference, $"docker://localhost:{registry.Port}/{Repository}:v1"],
            SkopeoTimeout);
        var curl = new Curl(output, _workspace.CreateDirectory("curl"), Certificates.Client(withClientCertificate: false));
        var catalogToken = _ec.Sign(Claims(TokenAccess.Catalog), KeyReference.KeyId);

        var granted = await curl.SendAsync($"{registry.BaseUrl}/v2/_catalog", "--header", $"Authorization: Bearer {catalogToken}");
        var denied = await curl.SendAsync($"{registry.BaseUrl}/v2/_catalog", "--header", $"Authorization: Bearer {pushToken}");

        Assert.True(granted.Status == 200, granted.Describe());
        using (var catalog = JsonDocument.Parse(granted.Body))
        {
            Assert.Equal([Repository], Json.Strings(catalog.RootElement.GetProperty("repositories")));
        }

        Assert.True(denied.Status == 401, denied.Describe());
        Assert.Equal(
            $"Bearer realm=\"{Realm}\",service=\"{Service}\",scope=\"registry:catalog:*\",error=\"insufficient_scope\"",
            denied.Header("WWW-Authenticate"));
        Assert.Equal("UNAUTHORIZED", ErrorCode(denied));
    }

    private static TokenClaims Claims(params TokenAccess[] access) => new(Issuer, Service, "e2e-user", access);

    private static string? ErrorCode(CurlResult response)
    {
        using var body = JsonDocument.Parse(response.Body);
        return body.RootElement.GetProperty("errors")[0].GetProperty("code").GetString();
    }

    /// <summary>Starts the registry over TLS with <c>auth.token</c> trusting the RS256 and ES256 signers, but not the unknown one.</summary>
    private async Task<ServerProcess> StartAsync()
    {
        _certificates = TlsCertificates.Create(_workspace.CreateDirectory("certs"));
        var bundle = Path.Combine(_workspace.CreateDirectory("token"), "root-certificates.pem");
        TokenSigner.WriteBundle(bundle, _rsa, _ec);

        var auth = $"""
            auth:
              token:
                realm: {Yaml.Quote(Realm)}
                service: {Yaml.Quote(Service)}
                issuer: {Yaml.Quote(Issuer)}
                rootcertbundle: {Yaml.Quote(bundle)}
            """;
        return await _workspace.StartRegistryUnderTestAsync(null, new ServerOptions
        {
            HttpYaml = _certificates.HttpYaml(),
            TopLevelYaml = auth,
            Tls = _certificates.Client(withClientCertificate: false),
        });
    }
}
