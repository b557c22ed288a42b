using System.Net;
using System.Net.Sockets;
using Registry.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Registry.EndToEndTests;

/// <summary>
/// <c>registry serve</c> when it cannot start: one line on standard error that names the cause, and
/// exit code 1, not an unhandled exception.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class StartupFailureTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestWorkspace _workspace = new(output);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Serve_AddressInUse_ExitsWithMessage()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var config = Path.Combine(_workspace.CreateDirectory("config"), "config.yml");
        await File.WriteAllTextAsync(config, $"version: 0.1\nstorage:\n  inmemory: {{}}\nhttp:\n  addr: 127.0.0.1:{port}\n");
        var registry = Path.Combine(AppContext.BaseDirectory, "registry.dll");

        var result = await Tool.RunUncheckedAsync(output, Tool.LocateDotnet(), [registry, "serve", config], TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"registry: Failed to bind to address http://127.0.0.1:{port}: address already in use.", result.StandardError);
    }
}
