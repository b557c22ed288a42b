using Registry.Gateway.Routing;
using Registry.Grains.Errors;

namespace Registry.UnitTests.Gateway;

public sealed class RequestValuesTests
{
    [Theory]
    [InlineData(null, 100)]
    [InlineData("", 100)]
    [InlineData("0", 0)]
    [InlineData("5", 5)]
    [InlineData("1000", 1000)]
    [InlineData("1001", 1000)]
    [InlineData("99999999999999999999", 1000)]
    public void PageSize_ValidValue_IsCutToMaximum(string? value, int expected)
    {
        Assert.Equal(expected, RequestValues.PageSize(value, 100, 1000));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData(" 5")]
    public void PageSize_InvalidValue_IsPaginationNumberInvalid(string value)
    {
        var exception = Assert.Throws<RegistryException>(() => RequestValues.PageSize(value, 100, 1000));
        Assert.Equal(RegistryErrorCode.PaginationNumberInvalid, exception.Code);
    }

    [Theory]
    [InlineData("sha256:abc", RegistryErrorCode.DigestInvalid)]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e", RegistryErrorCode.DigestInvalid)]
    [InlineData(".hidden", RegistryErrorCode.TagInvalid)]
    [InlineData("-dash", RegistryErrorCode.TagInvalid)]
    [InlineData("a/b", RegistryErrorCode.TagInvalid)]
    public void Reference_Invalid_RaisesMatchingCode(string value, RegistryErrorCode code)
    {
        var exception = Assert.Throws<RegistryException>(() => RequestValues.Reference(value));
        Assert.Equal(code, exception.Code);
    }

    [Fact]
    public void Reference_Tag_ReturnsTag()
    {
        var (tag, digest) = RequestValues.Reference("v1.0_rc-1");
        Assert.Equal("v1.0_rc-1", tag?.Value);
        Assert.Null(digest);
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("_a")]
    public void Name_Invalid_IsNameInvalid(string value)
    {
        var exception = Assert.Throws<RegistryException>(() => RequestValues.Name(value));
        Assert.Equal(RegistryErrorCode.NameInvalid, exception.Code);
    }
}
