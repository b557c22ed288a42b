using Registry.Storage.Layout;

namespace Registry.UnitTests.Layout;

public sealed class RepositoryNameTests
{
    // 64 components of "abc" joined by "/": 64 * 3 + 63 = 255 characters.
    private static readonly string LongestName = string.Join('/', Enumerable.Repeat("abc", 64));

    public static TheoryData<string> ValidNames => new()
    {
        "a",
        "0",
        "ubuntu",
        "library/ubuntu",
        "a/b/c/d",
        "my-org/my.app",
        "a.b",
        "a_b",
        "a__b",
        "a-b",
        "a--b",
        "a---b",
        "a1/2b",
        new string('a', 255),
        LongestName,
    };

    public static TheoryData<string> InvalidNames => new()
    {
        "",
        "A",
        "Library/ubuntu",
        "library/Ubuntu",
        "..",
        ".",
        "a//b",
        "/a",
        "a/",
        "/",
        "a/../b",
        "a/./b",
        "../a",
        "a..b",
        "a___b",
        "a_.b",
        "a.-b",
        "-a",
        "a-",
        ".a",
        "a.",
        "_a",
        "a_",
        "a b",
        " a",
        "a:b",
        "a@b",
        "a\\b",
        "a\n",
        "ä",
        new string('a', 256),
        LongestName + "x",
    };

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Parse_ValidName_KeepsValue(string value)
    {
        var name = RepositoryName.Parse(value);

        Assert.Equal(value, name.Value);
        Assert.Equal(value, name.ToString());
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void TryParse_InvalidName_ReturnsFalseWithError(string value)
    {
        var parsed = RepositoryName.TryParse(value, out var name, out var error);

        Assert.False(parsed);
        Assert.Equal(default, name);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Parse_InvalidName_ThrowsFormatException(string value)
    {
        Assert.Throws<FormatException>(() => RepositoryName.Parse(value));
    }

    [Fact]
    public void TryParse_TooLong_ErrorNamesTheMaximum()
    {
        RepositoryName.TryParse(new string('a', 256), out _, out var error);

        Assert.Contains("255", error);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(RepositoryName.TryParse(null, out _, out _));
    }
}
