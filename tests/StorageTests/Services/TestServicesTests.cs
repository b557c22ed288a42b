using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Registry.StorageTests.Services;

/// <summary>The reachability check that makes a backend's tests fail, not skip, when its server is down.</summary>
public sealed class TestServicesTests
{
    [Fact]
    public void EnsureReachable_NothingListens_Throws()
    {
        var endpoint = $"http://127.0.0.1:{ClosedPort()}/";

        var exception = Assert.Throws<TestServiceUnreachableException>(() => TestServices.EnsureReachable(endpoint, "REGISTRY_TEST_EXAMPLE_ENDPOINT"));

        Assert.Contains(endpoint, exception.Message);
        Assert.Contains("REGISTRY_TEST_EXAMPLE_ENDPOINT", exception.Message);
        Assert.Contains("tests/services/start.sh", exception.Message);
    }

    [Fact]
    public async Task EnsureReachable_ServerAnswers_ReturnsAndCaches()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        var answered = AnswerOnceAsync(listener);

        TestServices.EnsureReachable(endpoint, "REGISTRY_TEST_EXAMPLE_ENDPOINT");
        await answered;
        listener.Stop();

        // The cached result stays valid although the server is gone now.
        TestServices.EnsureReachable(endpoint, "REGISTRY_TEST_EXAMPLE_ENDPOINT");
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=a;AccountKey=k;BlobEndpoint=http://127.0.0.1:10000/a;", "http://127.0.0.1:10000/a")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=images;AccountKey=k;EndpointSuffix=core.windows.net", "https://images.blob.core.windows.net/")]
    public void AzureBlobEndpoint_ConnectionString_ReturnsBlobEndpoint(string connectionString, string expected)
    {
        Assert.Equal(expected, TestServices.AzureBlobEndpoint(connectionString));
    }

    /// <summary>Returns a loopback port that was free a moment ago and has no listener now.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task AnswerOnceAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[4096];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
    }
}
