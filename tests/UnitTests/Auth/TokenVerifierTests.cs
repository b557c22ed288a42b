using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Registry.Gateway.Auth.Token;

namespace Registry.UnitTests.Auth;

public sealed class TokenVerifierTests : IDisposable
{
    private static readonly TokenTestPki Pki = TokenTestPki.Shared;
    private static readonly (string, string, string[])[] PullApp = [("repository", "team/app", ["pull"])];

    private readonly string _directory = Directory.CreateTempSubdirectory("registry-token-tests-").FullName;
    private readonly TokenVerifier _verifier;

    public TokenVerifierTests()
    {
        var (bundle, jwks) = Pki.WriteFiles(_directory);
        var trust = TokenTrust.Load(bundle, jwks, new CapturingLoggerFactory().CreateLogger("test"));
        _verifier = new TokenVerifier(trust, SigningAlgorithm.Supported, TokenTestPki.Issuer, TokenTestPki.Service, new FixedTimeProvider(Pki.Now));
    }

    private static string EcLibtrustKid => KeyIds.Libtrust(TrustedKey.FromCertificate(Pki.EcCertificate)!);

    private static string EcThumbprintKid => KeyIds.Thumbprint(TrustedKey.FromCertificate(Pki.EcCertificate)!);

    private static JsonObject ClaimsWith(string name, JsonNode? value)
    {
        var claims = Pki.Claims(PullApp);
        if (value is null)
        {
            claims.Remove(name);
        }
        else
        {
            claims[name] = value;
        }

        return claims;
    }

    private static readonly Dictionary<string, Func<string>> ValidTokens = new()
    {
        ["RS256 signed by an x5c leaf of the root"] = () => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), Pki.Claims(PullApp), Pki.LeafKey),
        ["RS256 x5c with leaf and root"] = () => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf, Pki.Root), Pki.Claims(PullApp), Pki.LeafKey),
        ["RS512 x5c"] = () => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS512", Pki.Leaf), Pki.Claims(PullApp), Pki.LeafKey),
        ["PS256 x5c"] = () => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("PS256", Pki.Leaf), Pki.Claims(PullApp), Pki.LeafKey),
        ["RS256 by the root's own key in x5c"] = () => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Root), Pki.Claims(PullApp), Pki.RootKey),
        ["ES256 by libtrust kid"] = () => TokenTestPki.SignEc(TokenTestPki.KidHeader("ES256", EcLibtrustKid), Pki.Claims(PullApp), Pki.EcKey),
        ["ES256 by JWK thumbprint kid"] = () => TokenTestPki.SignEc(TokenTestPki.KidHeader("ES256", EcThumbprintKid), Pki.Claims(PullApp), Pki.EcKey),
        ["ES256 by kid of an embedded jwk"] = () => TokenTestPki.SignEc(
            new JsonObject { ["alg"] = "ES256", ["jwk"] = new JsonObject { ["kty"] = "EC", ["kid"] = EcLibtrustKid } }, Pki.Claims(PullApp), Pki.EcKey),
        ["RS256 by JWKS kid"] = () => TokenTestPki.SignRsa(TokenTestPki.KidHeader("RS256", TokenTestPki.JwksKeyId), Pki.Claims(PullApp), Pki.JwksKey),
        ["audience as a list"] = () => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), ClaimsWith("aud", new JsonArray("other", TokenTestPki.Service)), Pki.LeafKey),
        ["expired less than the leeway ago"] = () => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), ClaimsWith("exp", Pki.Now.AddSeconds(-30).ToUnixTimeSeconds()), Pki.LeafKey),
        ["valid from less than the leeway ahead"] = () => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), ClaimsWith("nbf", Pki.Now.AddSeconds(30).ToUnixTimeSeconds()), Pki.LeafKey),
        ["no nbf"] = () => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), ClaimsWith("nbf", null), Pki.LeafKey),
    };

    private static readonly Dictionary<string, (Func<string> Token, string Reason)> InvalidTokens = new()
    {
        ["expired"] = (() => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), ClaimsWith("exp", Pki.Now.AddMinutes(-5).ToUnixTimeSeconds()), Pki.LeafKey), "expired"),
        ["no exp"] = (() => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), ClaimsWith("exp", null), Pki.LeafKey), "no exp"),
        ["not yet valid"] = (() => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), ClaimsWith("nbf", Pki.Now.AddMinutes(5).ToUnixTimeSeconds()), Pki.LeafKey), "not valid before"),
        ["wrong issuer"] = (() => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), ClaimsWith("iss", "someone-else"), Pki.LeafKey), "issuer"),
        ["wrong audience"] = (() => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), ClaimsWith("aud", "other-registry"), Pki.LeafKey), "audience"),
        ["no audience"] = (() => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), ClaimsWith("aud", null), Pki.LeafKey), "audience"),
        ["x5c of an unknown root"] = (() => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.UnknownCertificate), Pki.Claims(PullApp), Pki.UnknownKey), "does not validate"),
        ["x5c leaf that expired"] = (() => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.ExpiredLeaf), Pki.Claims(PullApp), Pki.LeafKey), "does not validate"),
        ["x5c leaf but signed by another key"] = (() => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), Pki.Claims(PullApp), Pki.UnknownKey), "signature"),
        ["x5c that is not a certificate"] = (() => TokenTestPki.SignRsa(new JsonObject { ["alg"] = "RS256", ["x5c"] = new JsonArray("bm90IGEgY2VydA==") }, Pki.Claims(PullApp), Pki.LeafKey), "invalid certificate"),
        ["unknown kid"] = (() => TokenTestPki.SignEc(TokenTestPki.KidHeader("ES256", "AAAA:BBBB"), Pki.Claims(PullApp), Pki.UnknownEcKey), "untrusted key id"),
        ["trusted kid but signed by an unknown key"] = (() => TokenTestPki.SignEc(TokenTestPki.KidHeader("ES256", EcLibtrustKid), Pki.Claims(PullApp), Pki.UnknownEcKey), "signature"),
        ["no key header"] = (() => TokenTestPki.SignRsa(new JsonObject { ["alg"] = "RS256" }, Pki.Claims(PullApp), Pki.LeafKey), "names no signing key"),
        ["alg none"] = (() => TokenTestPki.Unsigned(new JsonObject { ["alg"] = "none", ["kid"] = EcLibtrustKid }, Pki.Claims(PullApp)), "malformed"),
        ["alg none with a signature"] = (() => TokenTestPki.Sign(new JsonObject { ["alg"] = "none", ["kid"] = EcLibtrustKid }, Pki.Claims(PullApp), _ => [1, 2, 3]), "alg none is not accepted"),
        ["HS256"] = (() => TokenTestPki.SignHmac(TokenTestPki.KidHeader("HS256", EcLibtrustKid), Pki.Claims(PullApp), Pki.EcCertificate.RawData), "alg HS256 is not accepted"),
        ["RS256 header on an EC key"] = (() => TokenTestPki.SignEc(TokenTestPki.KidHeader("RS256", EcLibtrustKid), Pki.Claims(PullApp), Pki.EcKey), "needs an RSA key"),
        ["ES384 header on a P-256 key"] = (() => TokenTestPki.SignEc(TokenTestPki.KidHeader("ES384", EcLibtrustKid), Pki.Claims(PullApp), Pki.EcKey), "curve"),
        ["crit header"] = (() => TokenTestPki.SignEc(new JsonObject { ["alg"] = "ES256", ["kid"] = EcLibtrustKid, ["crit"] = new JsonArray("exp") }, Pki.Claims(PullApp), Pki.EcKey), "crit"),
        ["access that is not a list"] = (() => TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), ClaimsWith("access", "everything"), Pki.LeafKey), "access is not a list"),
        ["two parts"] = (() => "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0", "3 parts"),
        ["four parts"] = (() => "a.b.c.d", "3 parts"),
        ["garbage base64"] = (() => "!!!.???.***", "base64url"),
        ["padded base64"] = (() => "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0=.AAAA", "base64url"),
        ["header that is not JSON"] = (() => "bm90IGpzb24.eyJpc3MiOiJ4In0.AAAA", "header is not valid"),
        ["header without alg"] = (() => "e30.eyJpc3MiOiJ4In0.AAAA", "no alg"),
        ["empty"] = (() => "", "3 parts"),
    };

    public static TheoryData<string> ValidCases => new(ValidTokens.Keys);

    public static TheoryData<string> InvalidCases => new(InvalidTokens.Keys);

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Verify_ValidToken_ReturnsClaims(string name)
    {
        var claims = _verifier.Verify(ValidTokens[name](), out var reason);

        Assert.True(claims is not null, $"rejected: {reason}");
        Assert.Equal("alice", claims.Subject);
        Assert.True(claims.Grants(new Registry.Gateway.Auth.AccessItem("repository", "team/app", "pull")));
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Verify_InvalidToken_ReturnsNullWithReason(string name)
    {
        var (token, expectedReason) = InvalidTokens[name];

        var claims = _verifier.Verify(token(), out var reason);

        Assert.Null(claims);
        Assert.Contains(expectedReason, reason);
    }

    [Fact]
    public void Verify_ConfiguredAlgorithmsOnly_RejectsOthers()
    {
        var trust = TokenTrust.Load(Path.Combine(_directory, "bundle.pem"), null, new CapturingLoggerFactory().CreateLogger("test"));
        var onlyEs256 = SigningAlgorithm.Supported.Where(entry => entry.Key == "ES256").ToDictionary();
        var verifier = new TokenVerifier(trust, onlyEs256, TokenTestPki.Issuer, TokenTestPki.Service, new FixedTimeProvider(Pki.Now));

        Assert.Null(verifier.Verify(ValidTokens["RS256 signed by an x5c leaf of the root"](), out var reason));
        Assert.Contains("alg RS256 is not accepted", reason);
        Assert.NotNull(verifier.Verify(ValidTokens["ES256 by libtrust kid"](), out _));
    }

    [Fact]
    public void Verify_Reason_NeverContainsToken()
    {
        foreach (var (token, _) in InvalidTokens.Values)
        {
            var text = token();
            _verifier.Verify(text, out var reason);
            var signature = text.Split('.')[^1];
            if (signature.Length >= 16)
            {
                Assert.DoesNotContain(signature, reason);
            }
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
