using Registry.Storage.Drivers.Swift;

namespace Registry.UnitTests.Storage;

public sealed class SwiftTempUrlTests
{
    [Fact]
    public void Signature_KnownInput_MatchesHmacSha1()
    {
        // Computed independently with Python: hmac.new(b"mykey", b"GET\n1323479485\n/v1/AUTH_account/container/object", sha1).
        var signature = SwiftTempUrl.Signature("GET", "1323479485", "/v1/AUTH_account/container/object", "mykey");

        Assert.Equal("d9fc2067e52b06598421664cf6610bfc8fc431f6", signature);
    }

    [Fact]
    public void Sign_ObjectUri_AddsSignatureAndExpiry()
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(1323479485);

        var url = SwiftTempUrl.Sign(new Uri("https://swift.example.test/v1/AUTH_account/container/object"), "GET", expires, "mykey");

        Assert.Equal(
            "https://swift.example.test/v1/AUTH_account/container/object?temp_url_sig=d9fc2067e52b06598421664cf6610bfc8fc431f6&temp_url_expires=1323479485",
            url.ToString());
    }

    [Fact]
    public void Sign_AccessKey_PrefixesTenantAndAccessKey()
    {
        var url = SwiftTempUrl.Sign(
            new Uri("https://swift.example.test/v1/AUTH_account/container/object"), "GET", DateTimeOffset.FromUnixTimeSeconds(1323479485), "mykey", "access", "tenant");

        Assert.Contains("temp_url_sig=tenant%3Aaccess%3Ad9fc2067e52b06598421664cf6610bfc8fc431f6", url.Query);
    }
}
