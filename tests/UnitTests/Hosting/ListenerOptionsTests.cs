using Registry.Silo.Configuration;
using Registry.Silo.Hosting;

namespace Registry.UnitTests.Hosting;

public sealed class ListenerOptionsTests
{
    [Theory]
    [InlineData("tcp", ListenNetwork.Tcp)]
    [InlineData("", ListenNetwork.Tcp)]
    [InlineData("unix", ListenNetwork.Unix)]
    public void ParseNetwork_KnownName_ReturnsNetwork(string name, ListenNetwork expected)
    {
        Assert.Equal(expected, ListenerOptions.ParseNetwork(name));
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("TCP")]
    [InlineData("tcp4")]
    public void ParseNetwork_UnknownName_NamesKeyAndValue(string name)
    {
        var exception = Assert.Throws<ConfigurationException>(() => ListenerOptions.ParseNetwork(name));
        Assert.Contains("http.net", exception.Message);
        Assert.Contains($"'{name}'", exception.Message);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("/registry/", "/registry")]
    [InlineData("/my/nested/registry/", "/my/nested/registry")]
    [InlineData("/without/trailing", "/without/trailing")]
    public void PathBase_Prefix_DropsTrailingSlash(string prefix, string expected)
    {
        Assert.Equal(expected, new ListenerOptions { Prefix = prefix }.PathBase);
    }

    [Theory]
    [InlineData("registry/")]
    [InlineData("/a//b/")]
    [InlineData("/a?b/")]
    public void Validate_InvalidPrefix_NamesKey(string prefix)
    {
        var exception = Assert.Throws<ConfigurationException>(() => new ListenerOptions { Prefix = prefix }.Validate());
        Assert.Contains("http.prefix", exception.Message);
        Assert.Contains(prefix, exception.Message);
    }

    [Theory]
    [InlineData("ftp://registry.example.com")]
    [InlineData("/relative/path")]
    public void Validate_InvalidHost_NamesKey(string host)
    {
        var options = new ListenerOptions { Host = new Uri(host, UriKind.RelativeOrAbsolute) };
        var exception = Assert.Throws<ConfigurationException>(options.Validate);
        Assert.Contains("http.host", exception.Message);
    }

    [Fact]
    public void Validate_InvalidHeaderName_NamesKey()
    {
        var options = new ListenerOptions { Headers = new Dictionary<string, IReadOnlyList<string>> { ["Bad Name"] = ["x"] } };
        var exception = Assert.Throws<ConfigurationException>(options.Validate);
        Assert.Contains("http.headers", exception.Message);
        Assert.Contains("Bad Name", exception.Message);
    }

    [Fact]
    public void Validate_DistributionExample_Passes()
    {
        var options = new ListenerOptions
        {
            Prefix = "/my/nested/registry/",
            Host = new Uri("https://myregistryaddress.org:5000"),
            DrainTimeout = TimeSpan.FromSeconds(60),
            Headers = new Dictionary<string, IReadOnlyList<string>> { ["X-Content-Type-Options"] = ["nosniff"] },
        };

        options.Validate();
    }
}
