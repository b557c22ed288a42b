using Registry.Storage.Layout;

namespace Registry.UnitTests.Layout;

public sealed class TagTests
{
    public static TheoryData<string> ValidTags => new()
    {
        "latest",
        "v1.0.0",
        "1",
        "_",
        "_a",
        "A",
        "Release_2024-01.rc1",
        "a..b",
        "a--",
        new string('a', 128),
        "_" + new string('-', 127),
    };

    public static TheoryData<string> InvalidTags => new()
    {
        "",
        ".a",
        "-a",
        ".",
        "..",
        "a:b",
        ":a",
        "a/b",
        "a b",
        " a",
        "a\n",
        "a+b",
        "a@b",
        "ä",
        new string('a', 129),
    };

    [Theory]
    [MemberData(nameof(ValidTags))]
    public void Parse_ValidTag_KeepsValue(string value)
    {
        var tag = Tag.Parse(value);

        Assert.Equal(value, tag.Value);
        Assert.Equal(value, tag.ToString());
    }

    [Theory]
    [MemberData(nameof(InvalidTags))]
    public void TryParse_InvalidTag_ReturnsFalseWithError(string value)
    {
        var parsed = Tag.TryParse(value, out var tag, out var error);

        Assert.False(parsed);
        Assert.Equal(default, tag);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [MemberData(nameof(InvalidTags))]
    public void Parse_InvalidTag_ThrowsFormatException(string value)
    {
        Assert.Throws<FormatException>(() => Tag.Parse(value));
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(Tag.TryParse(null, out _, out _));
    }
}
