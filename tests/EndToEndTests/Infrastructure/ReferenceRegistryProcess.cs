using System.Diagnostics;
using Xunit.Abstractions;

namespace Registry.EndToEndTests.Infrastructure;

/// <summary>
/// The reference registry, distribution v2.8.2 from Debian's docker-registry package, run as
/// <c>docker-registry serve CONFIG</c> with the same config file format as ours.
/// </summary>
public sealed class ReferenceRegistryProcess(string workDirectory, string? rootDirectory, ITestOutputHelper output, ServerOptions? options = null)
    : ServerProcess("docker-registry", workDirectory, rootDirectory, output, options)
{
    protected override ProcessStartInfo CreateStartInfo(string? configPath)
    {
        // Without a file argument or REGISTRY_CONFIGURATION_PATH, docker-registry 2.8.2 exits with
        // "configuration error: configuration path unspecified".
        if (configPath is null)
        {
            throw new NotSupportedException(
                "docker-registry serve needs a config file, so a test with ServerOptions.WithoutConfigFile can run only this project's registry.");
        }

        var startInfo = new ProcessStartInfo(Tool.Locate("docker-registry"));
        startInfo.ArgumentList.Add("serve");
        startInfo.ArgumentList.Add(configPath);

        // The S3 driver of Debian's 2.8.2 build panics at start-up (LoadCustomCABundleError) when
        // AWS_CA_BUNDLE is set. The filesystem and inmemory drivers used here start with it set, but
        // no test needs it, and without it any future S3 test starts the same way.
        startInfo.Environment.Remove("AWS_CA_BUNDLE");
        return startInfo;
    }
}
