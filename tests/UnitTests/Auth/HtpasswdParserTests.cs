using Registry.Gateway.Auth.Htpasswd;

namespace Registry.UnitTests.Auth;

public sealed class HtpasswdParserTests
{
    // Valid bcrypt hashes of cost 4 in each accepted variant (53 characters after the cost).
    private const string Salt53 = "abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234";
    private const string Bcrypt2y = "$2y$04$" + Salt53;
    private const string Bcrypt2a = "$2a$10$" + Salt53;
    private const string Bcrypt2b = "$2b$31$" + Salt53;

    private static HtpasswdEntries Parse(string text) => HtpasswdParser.Parse(new StringReader(text));

    [Theory]
    [InlineData("alice:" + Bcrypt2y)]
    [InlineData("alice:" + Bcrypt2a)]
    [InlineData("alice:" + Bcrypt2b)]
    [InlineData("  alice:" + Bcrypt2y + "  ")]
    [InlineData("\talice:" + Bcrypt2y + "\r")]
    public void Parse_BcryptLine_AddsUser(string line)
    {
        var entries = Parse(line);

        Assert.Empty(entries.Skipped);
        Assert.True(entries.Hashes.ContainsKey("alice"));
        Assert.StartsWith("$2", entries.Hashes["alice"]);
    }

    [Theory]
    [InlineData("alice", HtpasswdParser.NoSeparator)]
    [InlineData(":" + Bcrypt2y, HtpasswdParser.EmptyUser)]
    [InlineData("alice:", HtpasswdParser.NotBcrypt)]
    [InlineData("alice:plaintext", HtpasswdParser.NotBcrypt)]
    [InlineData("alice:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", HtpasswdParser.NotBcrypt)]
    [InlineData("alice:$apr1$salt1234$0123456789abcdefghijkl", HtpasswdParser.NotBcrypt)]
    [InlineData("alice:$1$salt$0123456789abcdefghijkl", HtpasswdParser.NotBcrypt)]
    [InlineData("alice:$6$salt$0123456789abcdefghijkl", HtpasswdParser.NotBcrypt)]
    [InlineData("alice:abJnggxhB/yWI", HtpasswdParser.NotBcrypt)]
    [InlineData("alice:$2x$04$" + Salt53, HtpasswdParser.NotBcrypt)]
    [InlineData("alice:$2$04$" + Salt53, HtpasswdParser.NotBcrypt)]
    [InlineData("alice:$2y$04$" + "abc", HtpasswdParser.MalformedBcrypt)]
    [InlineData("alice:$2y$04$" + Salt53 + "x", HtpasswdParser.MalformedBcrypt)]
    [InlineData("alice:$2y$03$" + Salt53, HtpasswdParser.MalformedBcrypt)]
    [InlineData("alice:$2y$32$" + Salt53, HtpasswdParser.MalformedBcrypt)]
    [InlineData("alice:$2y$4$" + Salt53, HtpasswdParser.MalformedBcrypt)]
    [InlineData("alice:$2y$04$" + "abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ0123!", HtpasswdParser.MalformedBcrypt)]
    [InlineData("alice:$2y$04$" + "abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ0123\u00e9", HtpasswdParser.MalformedBcrypt)]
    public void Parse_UnusableLine_IsSkippedWithReason(string line, string reason)
    {
        var entries = Parse($"# users\n\nbob:{Bcrypt2y}\n{line}\n");

        var skipped = Assert.Single(entries.Skipped);
        Assert.Equal(4, skipped.Line);
        Assert.Equal(reason, skipped.Reason);
        Assert.Equal(["bob"], entries.Hashes.Keys);
    }

    [Fact]
    public void Parse_SkipReason_NeverContainsHash()
    {
        var entries = Parse("alice:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\nbob:$2y$04$short\n");

        Assert.All(entries.Skipped, skipped => Assert.DoesNotContain("W6ph5", skipped.Reason));
        Assert.All(entries.Skipped, skipped => Assert.DoesNotContain("short", skipped.Reason));
    }

    [Fact]
    public void Parse_CommentsAndBlankLines_AreIgnoredButCounted()
    {
        var entries = Parse("# comment\r\n\r\n   \r\n  # indented comment\r\nalice\r\n");

        Assert.Empty(entries.Hashes);
        Assert.Equal(5, Assert.Single(entries.Skipped).Line);
    }

    [Fact]
    public void Parse_UserDefinedTwice_LaterLineWins()
    {
        var entries = Parse($"alice:{Bcrypt2y}\nbob:{Bcrypt2a}\nalice:{Bcrypt2b}\n");

        Assert.Equal(Bcrypt2b, entries.Hashes["alice"]);
        var skipped = Assert.Single(entries.Skipped);
        Assert.Equal(1, skipped.Line);
        Assert.Contains("line 3", skipped.Reason);
    }

    [Fact]
    public void Parse_PasswordHashWithColon_SplitsAtFirstColon()
    {
        var entries = Parse($"alice:{Bcrypt2y}:extra");

        Assert.Empty(entries.Hashes);
        Assert.Equal(HtpasswdParser.MalformedBcrypt, Assert.Single(entries.Skipped).Reason);
    }

    [Theory]
    [InlineData(Bcrypt2y, 4)]
    [InlineData(Bcrypt2a, 10)]
    [InlineData(Bcrypt2b, 31)]
    public void Cost_AcceptedHash_ReadsCostField(string hash, int cost)
    {
        Assert.Equal(cost, HtpasswdParser.Cost(hash));
    }
}
