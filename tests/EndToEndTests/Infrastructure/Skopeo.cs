using System.Text.Json;
using Xunit.Abstractions;

namespace Registry.EndToEndTests.Infrastructure;

/// <summary>
/// skopeo commands against registries on 127.0.0.1, with TLS verification off because the test
/// registries serve plain HTTP. References are skopeo's: <c>oci:DIR:TAG</c>, <c>dir:DIR</c>,
/// <c>docker://HOST:PORT/REPOSITORY:TAG</c> or <c>…@DIGEST</c>.
/// </summary>
public sealed class Skopeo(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Returns <c>docker://ADDRESS/REPOSITORY_AND_REFERENCE</c> for a test registry.</summary>
    public static string Docker(ServerProcess registry, string repositoryAndReference) =>
        $"docker://{registry.Address}/{repositoryAndReference}";

    /// <summary>Copies an image. With <paramref name="allPlatforms"/>, copies every image of an index (--all).</summary>
    public Task CopyAsync(string source, string destination, bool allPlatforms = false)
    {
        List<string> arguments = ["copy", "--src-tls-verify=false", "--dest-tls-verify=false"];
        if (allPlatforms)
        {
            arguments.Add("--all");
        }

        arguments.Add(source);
        arguments.Add(destination);
        return RunAsync(arguments);
    }

    /// <summary>Returns the manifest or index bytes exactly as the registry sent them (inspect --raw).</summary>
    public async Task<byte[]> InspectRawAsync(string image) =>
        (await RunAsync(["inspect", "--tls-verify=false", "--raw", image])).StandardOutputBytes;

    /// <summary>Returns the config blob bytes exactly as the registry sent them (inspect --config --raw).</summary>
    public async Task<byte[]> InspectConfigRawAsync(string image) =>
        (await RunAsync(["inspect", "--tls-verify=false", "--config", "--raw", image])).StandardOutputBytes;

    /// <summary>
    /// Returns skopeo's summary of an image (Digest, Architecture, Layers, …). For an index, the
    /// summary describes the image for <paramref name="architecture"/>, or for this machine when it is null.
    /// </summary>
    public async Task<JsonElement> InspectAsync(string image, string? architecture = null)
    {
        List<string> arguments = ["inspect", "--tls-verify=false"];
        if (architecture is not null)
        {
            arguments.Add($"--override-arch={architecture}");
        }

        arguments.Add(image);
        return Json.Parse((await RunAsync(arguments)).StandardOutputBytes);
    }

    /// <summary>Runs <c>skopeo inspect</c> without failing on a non-zero exit code, for images expected to be missing.</summary>
    public Task<ToolResult> InspectUncheckedAsync(string image) =>
        Tool.RunUncheckedAsync(output, "skopeo", ["inspect", "--tls-verify=false", image], Timeout);

    /// <summary>Returns the tags of a repository (<c>docker://HOST:PORT/REPOSITORY</c>) in the order the registry listed them.</summary>
    public async Task<string[]> ListTagsAsync(string repository)
    {
        var result = await RunAsync(["list-tags", "--tls-verify=false", repository]);
        return Json.Strings(Json.Parse(result.StandardOutputBytes).GetProperty("Tags"));
    }

    public Task DeleteAsync(string image) => RunAsync(["delete", "--tls-verify=false", image]);

    private Task<ToolResult> RunAsync(IEnumerable<string> arguments) =>
        Tool.RunAsync(output, "skopeo", arguments, Timeout);
}
