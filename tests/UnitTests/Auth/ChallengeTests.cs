using Microsoft.AspNetCore.Http;
using Registry.Gateway.Auth;

namespace Registry.UnitTests.Auth;

public sealed class ChallengeTests
{
    [Fact]
    public void Basic_Realm_IsQuoted()
    {
        Assert.Equal("Basic realm=\"Registry Realm\"", Challenge.Basic("Registry Realm"));
    }

    [Theory]
    [InlineData("", null, "Bearer realm=\"https://auth/token\",service=\"registry\"")]
    [InlineData("repository:a:pull", null, "Bearer realm=\"https://auth/token\",service=\"registry\",scope=\"repository:a:pull\"")]
    [InlineData("repository:a:pull", "insufficient_scope", "Bearer realm=\"https://auth/token\",service=\"registry\",scope=\"repository:a:pull\",error=\"insufficient_scope\"")]
    [InlineData("", "invalid_token", "Bearer realm=\"https://auth/token\",service=\"registry\",error=\"invalid_token\"")]
    public void Bearer_Parameters_InDistributionOrder(string scope, string? error, string expected)
    {
        Assert.Equal(expected, Challenge.Bearer("https://auth/token", "registry", scope, error));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    public void Quote_SpecialCharacters_AreEscaped(string value, string expected)
    {
        Assert.Equal(expected, Challenge.Quote(value));
    }

    [Theory]
    [InlineData("https://auth.example.com/token", true)]
    [InlineData("line\nbreak", false)]
    [InlineData("tab\there", false)]
    [InlineData("caf\u00e9", false)]
    public void IsHeaderSafe_Value_AcceptsPrintableAsciiOnly(string value, bool expected)
    {
        Assert.Equal(expected, Challenge.IsHeaderSafe(value));
    }

    [Fact]
    public void ScopeGrouped_SeveralResources_GroupsActionsInOrder()
    {
        AccessItem[] items =
        [
            AccessItem.Repository("a", "pull"), AccessItem.Repository("b", "pull"), AccessItem.Repository("a", "push"), AccessItem.Repository("a", "pull"),
        ];

        Assert.Equal("repository:a:pull,push repository:b:pull", Scope.Grouped(items));
        Assert.Equal("repository:a:pull repository:b:pull repository:a:push repository:a:pull", Scope.PerItem(items));
    }

    [Fact]
    public void Silly_NoHeader_ChallengesWithScopePerAction()
    {
        var controller = new SillyAccessController("silly-realm", "silly-service");
        var context = new DefaultHttpContext();

        var decision = controller.Authorize(context.Request, [AccessItem.Repository("a", "pull"), AccessItem.Repository("a", "push")]);

        Assert.False(decision.IsGranted);
        Assert.Equal("Bearer realm=\"silly-realm\",service=\"silly-service\",scope=\"repository:a:pull repository:a:push\"", decision.Challenge);
    }

    [Fact]
    public void Silly_AnyHeader_Grants()
    {
        var controller = new SillyAccessController("silly-realm", "silly-service");
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "anything at all";

        var decision = controller.Authorize(context.Request, [AccessItem.Catalog]);

        Assert.True(decision.IsGranted);
        Assert.Equal("silly", decision.User);
    }
}
