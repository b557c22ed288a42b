using Registry.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Registry.EndToEndTests;

/// <summary>
/// Publishes a console app as a container image with the .NET SDK (<c>dotnet publish
/// -t:PublishContainer</c>) onto a base image that skopeo pushed first. The SDK tries a
/// cross-repository mount for each layer, abandons the upload session it gets when a mount
/// returns 202, and uploads the app layer.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DotnetPublishTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan DotnetTimeout = TimeSpan.FromMinutes(5);
    private static readonly string[] BaseLayerSizes = ["1M", "2M"];

    // An app that needs no package beyond the SDK restores with every NuGet source cleared.
    private const string NoSourcesNuGetConfig = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
          </packageSources>
        </configuration>
        """;

    private readonly TestWorkspace _workspace = new(output);

    private Skopeo Skopeo => _workspace.Skopeo;

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PublishContainer_OntoPushedBaseImage_PushesAppImage(bool forceChunkedUpload)
    {
        var registry = await _workspace.StartRegistryUnderTestAsync(_workspace.CreateDirectory("storage"));
        var baseImage = await TestImage.CreateAsync(
            output, _workspace.CreateDirectory("base-image"), "1", "dotnet-base", BaseLayerSizes, TestImage.HostArchitecture);
        await Skopeo.CopyAsync(baseImage.OciReference, Skopeo.Docker(registry, "base/fake:1"));

        var project = await CreateConsoleProjectAsync();
        await PublishContainerAsync(project, registry, forceChunkedUpload);

        var reference = Skopeo.Docker(registry, "dotnet/hello:t1");
        var manifest = Json.Parse(await Skopeo.InspectRawAsync(reference));
        var layers = manifest.GetProperty("layers").EnumerateArray().Select(layer => layer.GetProperty("digest").GetString()!).ToList();
        Assert.Equal(BaseLayerSizes.Length + 1, layers.Count);
        Assert.Equal(baseImage.LayerDigests, layers.Take(BaseLayerSizes.Length));

        var config = Json.Parse(await Skopeo.InspectConfigRawAsync(reference));
        Assert.Equal(TestImage.HostArchitecture, config.GetProperty("architecture").GetString());
        var diffIds = Json.Strings(config.GetProperty("rootfs").GetProperty("diff_ids"));
        Assert.Equal(baseImage.DiffIds, diffIds.Take(BaseLayerSizes.Length));

        var pulledDirectory = Path.Combine(_workspace.Path, "pulled");
        await Skopeo.CopyAsync(reference, $"oci:{pulledDirectory}:t1");
        var pulled = new OciLayout(pulledDirectory);
        Assert.Equal(OciLayout.ComputeDigest(await Skopeo.InspectRawAsync(reference)), pulled.ResolveTag("t1"));
        pulled.AssertBlobDigestsValid();
    }

    /// <summary>Creates a console project in a directory whose nuget.config clears every package source.</summary>
    private async Task<string> CreateConsoleProjectAsync()
    {
        var directory = _workspace.CreateDirectory("app");
        await File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), NoSourcesNuGetConfig);
        var project = Path.Combine(directory, "hello");
        await RunDotnetAsync(
            ["new", "console", "--name", "hello", "--output", project, "--no-restore", "--no-update-check"],
            directory,
            new Dictionary<string, string>());
        return Path.Combine(project, "hello.csproj");
    }

    private async Task PublishContainerAsync(string project, ServerProcess registry, bool forceChunkedUpload)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = registry.Address,
        };
        if (forceChunkedUpload)
        {
            environment["DOTNET_CONTAINER_DEBUG_REGISTRY_FORCE_CHUNKED_UPLOAD"] = "true";
            environment["DOTNET_CONTAINER_REGISTRY_CHUNKED_UPLOAD_SIZE_BYTES"] = "16384";
        }

        await RunDotnetAsync(
            [
                "publish", project,
                "-t:PublishContainer",
                $"-p:ContainerRegistry={registry.Address}",
                $"-p:ContainerBaseImage={registry.Address}/base/fake:1",
                "-p:ContainerRepository=dotnet/hello",
                "-p:ContainerImageTag=t1",
                "--disable-build-servers",
                "-nodeReuse:false",
            ],
            Path.GetDirectoryName(project)!,
            environment);
    }

    private Task<ToolResult> RunDotnetAsync(string[] arguments, string workingDirectory, Dictionary<string, string> environment)
    {
        var packages = Path.Combine(_workspace.Path, "nuget-packages");
        return Tool.RunAsync(output, Tool.LocateDotnet(), arguments, DotnetTimeout, startInfo =>
        {
            startInfo.WorkingDirectory = workingDirectory;

            // dotnet test passes MSBuild's own settings (MSBuildExtensionsPath, MSBuildSDKsPath, …) down to
            // the test host. A nested build must find its SDK by itself.
            var inherited = startInfo.Environment.Keys.Where(key => key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList();
            foreach (var key in inherited)
            {
                startInfo.Environment.Remove(key);
            }

            startInfo.Environment["NUGET_PACKAGES"] = packages;
            startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            startInfo.Environment["DOTNET_NOLOGO"] = "1";
            foreach (var (name, value) in environment)
            {
                startInfo.Environment[name] = value;
            }
        });
    }
}
