using System.Diagnostics;
using Xunit.Abstractions;

namespace Registry.EndToEndTests.Infrastructure;

/// <summary>
/// This project's registry, run as <c>dotnet registry.dll serve [CONFIG]</c>. The test project
/// references src/Silo, so the build copies registry.dll and registry.runtimeconfig.json next to
/// the test assembly.
/// </summary>
public sealed class RegistryProcess(string workDirectory, string? rootDirectory, ITestOutputHelper output, ServerOptions? options = null)
    : ServerProcess("registry", workDirectory, rootDirectory, output, options)
{
    // Debug is the level at which the registry logs each request, which is what a failure report needs.
    protected override string LogLevel => "debug";

    protected override ProcessStartInfo CreateStartInfo(string? configPath)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "registry.dll");
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException(
                $"registry.dll was not found next to the test assembly in {AppContext.BaseDirectory}. " +
                "Build the solution first (tests/run.sh does): the project reference to src/Silo copies it there.",
                assembly);
        }

        var startInfo = new ProcessStartInfo(Tool.LocateDotnet());
        startInfo.ArgumentList.Add(assembly);
        startInfo.ArgumentList.Add("serve");
        if (configPath is not null)
        {
            startInfo.ArgumentList.Add(configPath);
        }

        return startInfo;
    }
}
