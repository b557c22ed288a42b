using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Registry.Silo.Hosting;

namespace Registry.UnitTests.Hosting;

/// <summary>The <c>http</c> listener settings on a real host: prefix, URLs in Location, headers, Unix socket, drain timeout.</summary>
public sealed class ListenerHostTests
{
    private const string Repository = "team/app";

    [Fact]
    public async Task Prefix_ServesApiAndRelativeLocation()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions
        {
            Listener = new ListenerOptions { Prefix = "/my/nested/registry/", RelativeUrls = true },
        });
        using var client = new HttpClient { BaseAddress = new Uri(host.Address) };

        using var baseResponse = await client.GetAsync("/my/nested/registry/v2/");
        using var start = await client.PostAsync($"/my/nested/registry/v2/{Repository}/blobs/uploads/", null);

        Assert.Equal(HttpStatusCode.OK, baseResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location?.OriginalString ?? "";
        Assert.StartsWith($"/my/nested/registry/v2/{Repository}/blobs/uploads/", location);
        using var status = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
    }

    [Fact]
    public async Task DefaultListener_LocationIsAbsoluteFromRequestHost()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions { Listener = new ListenerOptions() });
        using var client = new HttpClient { BaseAddress = new Uri(host.Address) };

        using var start = await client.PostAsync($"/v2/{Repository}/blobs/uploads/", null);

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.StartsWith($"http://127.0.0.1:{host.Port}/v2/{Repository}/blobs/uploads/", start.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DefaultListener_XForwarded_ShapesLocation()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions { Listener = new ListenerOptions() });
        using var client = new HttpClient { BaseAddress = new Uri(host.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/{Repository}/blobs/uploads/");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "registry.example.com, proxy.internal");
        request.Headers.Add("X-Forwarded-Port", "8443");

        using var start = await client.SendAsync(request);

        Assert.StartsWith($"https://registry.example.com:8443/v2/{Repository}/blobs/uploads/", start.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DefaultListener_ForwardedHeader_ShapesLocation()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions { Listener = new ListenerOptions() });
        using var client = new HttpClient { BaseAddress = new Uri(host.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/{Repository}/blobs/uploads/");
        request.Headers.TryAddWithoutValidation("Forwarded", "for=192.0.2.60;proto=https;host=\"registry.example.com\"");

        using var start = await client.SendAsync(request);

        Assert.StartsWith($"https://registry.example.com/v2/{Repository}/blobs/uploads/", start.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Host_TakesPrecedenceOverRelativeUrls()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions
        {
            Listener = new ListenerOptions { Host = new Uri("https://registry.example.com:5443"), RelativeUrls = true },
        });
        using var client = new HttpClient { BaseAddress = new Uri(host.Address) };

        using var start = await client.PostAsync($"/v2/{Repository}/blobs/uploads/", null);

        Assert.StartsWith($"https://registry.example.com:5443/v2/{Repository}/blobs/uploads/", start.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task NoListenerOptions_LocationStaysRelative()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions());
        using var client = new HttpClient { BaseAddress = new Uri(host.Address) };

        using var start = await client.PostAsync($"/v2/{Repository}/blobs/uploads/", null);

        Assert.StartsWith($"/v2/{Repository}/blobs/uploads/", start.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Prefix_CatalogLink_CarriesPrefix()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions { Listener = new ListenerOptions { Prefix = "/reg/" } });
        using var client = new HttpClient { BaseAddress = new Uri(host.Address) };
        foreach (var name in new[] { "a/one", "a/two" })
        {
            await PushEmptyImageAsync(client, "/reg", name);
        }

        using var page = await client.GetAsync("/reg/v2/_catalog?n=1");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("</reg/v2/_catalog?", string.Join(",", page.Headers.GetValues("Link")));
    }

    [Fact]
    public async Task Headers_AddedToSuccessAndErrorResponses()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions
        {
            Listener = new ListenerOptions
            {
                Headers = new Dictionary<string, IReadOnlyList<string>>
                {
                    ["X-Content-Type-Options"] = ["nosniff"],
                    ["X-Test"] = ["one", "two"],
                },
            },
        });
        using var client = new HttpClient { BaseAddress = new Uri(host.Address) };

        using var success = await client.GetAsync("/v2/");
        using var failure = await client.GetAsync($"/v2/{Repository}/manifests/missing");

        Assert.Equal(HttpStatusCode.OK, success.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, failure.StatusCode);
        foreach (var response in new[] { success, failure })
        {
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
            Assert.Equal(["one", "two"], response.Headers.GetValues("X-Test"));
        }
    }

    [Fact]
    public async Task UnixNetwork_ServesApiOnSocket()
    {
        var directory = Directory.CreateTempSubdirectory("registry-unix-").FullName;
        try
        {
            var socketPath = Path.Combine(directory, "registry.sock");
            await using var host = await HostRunner.StartAsync(
                new RegistryHostOptions { Listener = new ListenerOptions { Network = ListenNetwork.Unix, RelativeUrls = true } },
                socketPath);
            using var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            };
            using var client = new HttpClient(handler) { BaseAddress = new Uri("http://localhost") };

            using var response = await client.GetAsync("/v2/");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task DrainTimeout_SetsHostShutdownTimeout()
    {
        await using var host = await HostRunner.StartAsync(new RegistryHostOptions
        {
            Listener = new ListenerOptions { DrainTimeout = TimeSpan.FromSeconds(7) },
        });

        Assert.Equal(TimeSpan.FromSeconds(7), host.App.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    /// <summary>Pushes a config blob and an OCI manifest without layers, tagged <c>v1</c>.</summary>
    private static async Task PushEmptyImageAsync(HttpClient client, string prefix, string repository)
    {
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"name\":\"{repository}\"}}");
        var configDigest = Sha256(config);
        using var blob = await client.PostAsync($"{prefix}/v2/{repository}/blobs/uploads/?digest={configDigest}", new ByteArrayContent(config));
        Assert.Equal(HttpStatusCode.Created, blob.StatusCode);

        var manifest = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}}," +
            "\"layers\":[]}");
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        using var put = await client.PutAsync($"{prefix}/v2/{repository}/manifests/v1", content);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    private static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
