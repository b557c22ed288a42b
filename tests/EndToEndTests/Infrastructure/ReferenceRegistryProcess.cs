using System.Diagnostics;
using Xunit.Abstractions;

namespace Registry.EndToEndTests.Infrastructure;

/// <summary>
/// The reference registry, distribution v2.8.2 from Debian's docker-registry package, run as
/// <c>docker-registry serve CONFIG</c> with the same config file format as ours.
/// </summary>
public sealed class ReferenceRegistryProcess(string workDirectory, string? rootDirectory, ITestOutputHelper output)
    : ServerProcess("docker-registry", workDirectory, rootDirectory, output)
{
    protected override ProcessStartInfo CreateStartInfo(string configPath)
    {
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
