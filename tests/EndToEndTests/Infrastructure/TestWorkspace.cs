using Xunit.Abstractions;

namespace Registry.EndToEndTests.Infrastructure;

/// <summary>
/// The temporary directory and the servers of one test. A test class creates one per test in its
/// constructor and disposes it after the test, which kills the servers still running, writes their
/// logs to the test output and deletes the directory.
/// </summary>
/// <remarks>
/// Environment variables for working on the tests themselves:
/// E2E_REGISTRY=reference runs every test against docker-registry in place of this project's
/// registry, to check the tests against the reference implementation;
/// E2E_KEEP_TEMP=1 keeps the temporary directories (images, storage, server logs).
/// </remarks>
public sealed class TestWorkspace : IDisposable
{
    private const string TargetVariable = "E2E_REGISTRY";
    private const string KeepVariable = "E2E_KEEP_TEMP";

    private readonly List<ServerProcess> _servers = [];

    public TestWorkspace(ITestOutputHelper output)
    {
        Output = output;
        Path = Directory.CreateTempSubdirectory("registry-e2e-").FullName;
        Skopeo = new Skopeo(output);
    }

    public ITestOutputHelper Output { get; }

    public string Path { get; }

    public Skopeo Skopeo { get; }

    /// <summary>True when E2E_REGISTRY=reference replaces this project's registry by docker-registry.</summary>
    public static bool TargetIsReference =>
        string.Equals(Environment.GetEnvironmentVariable(TargetVariable), "reference", StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates an empty subdirectory and returns its path. Throws if <paramref name="name"/> is taken.</summary>
    public string CreateDirectory(string name)
    {
        var directory = System.IO.Path.Combine(Path, name);
        if (Directory.Exists(directory) || File.Exists(directory))
        {
            throw new InvalidOperationException($"{directory} already exists. Give each directory of a test its own name.");
        }

        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>
    /// Starts this project's registry (docker-registry when E2E_REGISTRY=reference) on
    /// <paramref name="rootDirectory"/>, or with the inmemory driver when it is null.
    /// </summary>
    public Task<ServerProcess> StartRegistryUnderTestAsync(string? rootDirectory, ServerOptions? options = null)
    {
        return TargetIsReference
            ? StartAsync(new ReferenceRegistryProcess(NextServerDirectory("docker-registry"), rootDirectory, Output, options))
            : StartAsync(new RegistryProcess(NextServerDirectory("registry"), rootDirectory, Output, options));
    }

    /// <summary>
    /// Starts this project's registry whatever the value of E2E_REGISTRY, for tests of behaviour
    /// that distribution does not have or logs differently.
    /// </summary>
    public Task<ServerProcess> StartRegistryAsync(string? rootDirectory, ServerOptions? options = null) =>
        StartAsync(new RegistryProcess(NextServerDirectory("registry"), rootDirectory, Output, options));

    /// <summary>
    /// Starts docker-registry (distribution v2.8.2) on <paramref name="rootDirectory"/>, or on the
    /// storage driver of <paramref name="options"/> when the root directory is null.
    /// </summary>
    public Task<ServerProcess> StartReferenceRegistryAsync(string? rootDirectory, ServerOptions? options = null) =>
        StartAsync(new ReferenceRegistryProcess(NextServerDirectory("docker-registry"), rootDirectory, Output, options));

    public void Dispose()
    {
        for (var i = _servers.Count - 1; i >= 0; i--)
        {
            _servers[i].Dispose();
        }

        if (Environment.GetEnvironmentVariable(KeepVariable) == "1")
        {
            Output.WriteLine($"{KeepVariable}=1: kept {Path}");
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Output.WriteLine($"WARNING: could not delete {Path}: {e.Message}");
        }
    }

    private async Task<ServerProcess> StartAsync(ServerProcess server)
    {
        _servers.Add(server);
        await server.StartAsync();
        return server;
    }

    private string NextServerDirectory(string name) => CreateDirectory($"{name}-{_servers.Count + 1}");
}
