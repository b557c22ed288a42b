using System.Text;
using Registry.Gateway.Auth.Htpasswd;

namespace Registry.UnitTests.Auth;

public sealed class BasicCredentialsTests
{
    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("alice:secret", "alice", "secret")]
    [InlineData("alice:pa:ss:word", "alice", "pa:ss:word")]
    [InlineData("alice:", "alice", "")]
    [InlineData(":secret", "", "secret")]
    [InlineData("j\u00fcrgen:gr\u00fc\u00dfe", "j\u00fcrgen", "gr\u00fc\u00dfe")]
    public void TryParse_ValidHeader_SplitsAtFirstColon(string credentials, string user, string password)
    {
        Assert.True(BasicCredentials.TryParse("Basic " + Encode(credentials), out var parsedUser, out var parsedPassword));
        Assert.Equal(user, parsedUser);
        Assert.Equal(password, parsedPassword);
    }

    [Fact]
    public void TryParse_LowercaseScheme_IsAccepted()
    {
        Assert.True(BasicCredentials.TryParse("basic " + Encode("alice:secret"), out _, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic")]
    [InlineData("Basic ")]
    [InlineData("Basic !!!!")]
    [InlineData("Basic YWxpY2U")]
    [InlineData("Basic YWxpY2U=")]
    [InlineData("Basic/YWxpY2U6c2VjcmV0")]
    [InlineData("Bearer YWxpY2U6c2VjcmV0")]
    [InlineData("Digest username=\"alice\"")]
    [InlineData("Basic /w==")]
    public void TryParse_MalformedHeader_ReturnsFalse(string? header)
    {
        Assert.False(BasicCredentials.TryParse(header, out _, out _));
    }
}
