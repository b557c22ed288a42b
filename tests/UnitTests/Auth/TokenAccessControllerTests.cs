using Microsoft.AspNetCore.Http;
using Registry.Gateway.Auth;

namespace Registry.UnitTests.Auth;

public sealed class TokenAccessControllerTests : IDisposable
{
    private static readonly TokenTestPki Pki = TokenTestPki.Shared;
    private static readonly AccessItem[] PullPushApp = [AccessItem.Repository("team/app", "pull"), AccessItem.Repository("team/app", "push")];

    private readonly string _directory = Directory.CreateTempSubdirectory("registry-token-controller-tests-").FullName;
    private readonly TokenAuthOptions _options;

    public TokenAccessControllerTests()
    {
        var (bundle, _) = Pki.WriteFiles(_directory);
        _options = new TokenAuthOptions
        {
            Realm = TokenTestPki.Realm,
            Service = TokenTestPki.Service,
            Issuer = TokenTestPki.Issuer,
            RootCertBundle = bundle,
        };
    }

    private IAccessController Controller() =>
        AccessControllerFactory.Create(new AuthOptions { Token = _options }, new CapturingLoggerFactory(), new FixedTimeProvider(Pki.Now))!;

    private static string Token(params (string Type, string Name, string[] Actions)[] access) =>
        TokenTestPki.SignRsa(TokenTestPki.X5cHeader("RS256", Pki.Leaf), Pki.Claims(access), Pki.LeafKey);

    private static HttpRequest Request(string? authorization, string host = "registry.example.test:5000")
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString(host);
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context.Request;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    public void Authorize_NoBearerToken_ChallengesWithoutError(string? authorization)
    {
        var decision = Controller().Authorize(Request(authorization), PullPushApp);

        Assert.False(decision.IsGranted);
        Assert.Equal(AccessFailure.CredentialsMissing, decision.Failure);
        Assert.Equal("Bearer realm=\"https://auth.example.test/token\",service=\"test-registry\",scope=\"repository:team/app:pull,push\"", decision.Challenge);
    }

    [Fact]
    public void Authorize_InvalidToken_ChallengesWithInvalidToken()
    {
        var decision = Controller().Authorize(Request("Bearer not.a.token"), PullPushApp);

        Assert.Equal(AccessFailure.CredentialsInvalid, decision.Failure);
        Assert.Equal("Bearer realm=\"https://auth.example.test/token\",service=\"test-registry\",scope=\"repository:team/app:pull,push\",error=\"invalid_token\"", decision.Challenge);
    }

    [Fact]
    public void Authorize_PushWithPullOnlyToken_ChallengesWithInsufficientScope()
    {
        var decision = Controller().Authorize(Request("Bearer " + Token(("repository", "team/app", ["pull"]))), PullPushApp);

        Assert.Equal(AccessFailure.InsufficientScope, decision.Failure);
        Assert.EndsWith(",scope=\"repository:team/app:pull,push\",error=\"insufficient_scope\"", decision.Challenge);
        Assert.Contains("repository:team/app:push", decision.Reason);
    }

    [Fact]
    public void Authorize_TokenForOtherRepository_ChallengesWithInsufficientScope()
    {
        var decision = Controller().Authorize(Request("Bearer " + Token(("repository", "team/other", ["pull", "push"]))), PullPushApp);

        Assert.Equal(AccessFailure.InsufficientScope, decision.Failure);
        Assert.Contains("error=\"insufficient_scope\"", decision.Challenge);
    }

    [Fact]
    public void Authorize_PushToken_GrantsSubject()
    {
        var decision = Controller().Authorize(Request("bearer " + Token(("repository", "team/app", ["pull", "push"]))), PullPushApp);

        Assert.True(decision.IsGranted, decision.Reason);
        Assert.Equal("alice", decision.User);
    }

    [Fact]
    public void Authorize_WildcardAction_GrantsDelete()
    {
        var decision = Controller().Authorize(Request("Bearer " + Token(("repository", "team/app", ["*"]))), [AccessItem.Repository("team/app", "delete")]);

        Assert.True(decision.IsGranted, decision.Reason);
    }

    [Fact]
    public void Authorize_Catalog_NeedsRegistryCatalogScope()
    {
        var controller = Controller();

        var denied = controller.Authorize(Request("Bearer " + Token(("repository", "team/app", ["*"]))), [AccessItem.Catalog]);
        var granted = controller.Authorize(Request("Bearer " + Token(("registry", "catalog", ["*"]))), [AccessItem.Catalog]);

        Assert.Equal(AccessFailure.InsufficientScope, denied.Failure);
        Assert.Contains("scope=\"registry:catalog:*\"", denied.Challenge);
        Assert.True(granted.IsGranted, granted.Reason);
    }

    [Fact]
    public void Authorize_BaseWithValidToken_GrantsWithoutAccess()
    {
        var decision = Controller().Authorize(Request("Bearer " + Token()), []);

        Assert.True(decision.IsGranted, decision.Reason);
    }

    [Fact]
    public void Authorize_BaseWithoutToken_ChallengeHasNoScope()
    {
        var decision = Controller().Authorize(Request(null), []);

        Assert.Equal("Bearer realm=\"https://auth.example.test/token\",service=\"test-registry\"", decision.Challenge);
    }

    [Theory]
    [InlineData(null, null, "https://registry.example.test:5000/auth/token")]
    [InlineData("http", null, "http://registry.example.test:5000/auth/token")]
    [InlineData("HTTPS", "/token/", "https://registry.example.test:5000/token/")]
    [InlineData("gopher\", evil=\"1", null, "https://registry.example.test:5000/auth/token")]
    public void Authorize_AutoRedirect_BuildsRealmFromRequest(string? forwardedProto, string? path, string expectedRealm)
    {
        _options.AutoRedirect = true;
        _options.AutoRedirectPath = path;
        var request = Request(null);
        if (forwardedProto is not null)
        {
            request.Headers["X-Forwarded-Proto"] = forwardedProto;
        }

        var decision = Controller().Authorize(request, []);

        Assert.Equal($"Bearer realm=\"{expectedRealm}\",service=\"test-registry\"", decision.Challenge);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
