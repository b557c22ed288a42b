using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Registry.EndToEndTests.Infrastructure;

/// <summary>Output and exit code of one finished command.</summary>
public sealed record ToolResult(string CommandLine, int ExitCode, byte[] StandardOutputBytes, string StandardError, TimeSpan Elapsed)
{
    public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);

    public string Describe() =>
        $"{CommandLine}\nexit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n" +
        $"--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

/// <summary>Thrown when a command exits with a non-zero code or runs past its timeout.</summary>
public class ToolFailedException(string message) : Exception(message);

/// <summary>Thrown when a command the end-to-end tests need is not installed.</summary>
public sealed class ToolNotFoundException(string message) : ToolFailedException(message);

/// <summary>
/// Runs external commands (skopeo, podman, dotnet, bash) with an argument list, a timeout and the
/// whole output captured. Every command line and its exit code is written to the test output.
/// </summary>
public static class Tool
{
    // The readers of a tool's pipes can outlive the tool when a grandchild, such as an MSBuild node,
    // inherited them. This bounds how long they are awaited after the tool itself exited.
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(10);

    private static readonly Dictionary<string, string> InstallHints = new()
    {
        ["skopeo"] = "apt-get install -y skopeo",
        ["podman"] = "apt-get install -y podman",
        ["docker-registry"] = "apt-get install -y docker-registry",
        ["jq"] = "apt-get install -y jq",
        ["gzip"] = "apt-get install -y gzip",
        ["openssl"] = "apt-get install -y openssl",
        ["curl"] = "apt-get install -y curl",
        ["htpasswd"] = "apt-get install -y apache2-utils",
        ["bash"] = "apt-get install -y bash",
        ["dotnet"] = "install the .NET 10 SDK",
    };

    /// <summary>Runs a command and throws <see cref="ToolFailedException"/>, with its whole output, unless it exits with 0.</summary>
    public static async Task<ToolResult> RunAsync(
        ITestOutputHelper output,
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        Action<ProcessStartInfo>? configure = null)
    {
        var result = await RunUncheckedAsync(output, fileName, arguments, timeout, configure);
        if (result.ExitCode != 0)
        {
            throw new ToolFailedException($"Command failed:\n{result.Describe()}");
        }

        return result;
    }

    /// <summary>
    /// Runs a command and returns its result whatever the exit code. Throws only when the command is
    /// missing or runs past <paramref name="timeout"/>, after killing it and its child processes.
    /// </summary>
    public static async Task<ToolResult> RunUncheckedAsync(
        ITestOutputHelper output,
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        Action<ProcessStartInfo>? configure = null)
    {
        var startInfo = new ProcessStartInfo(Locate(fileName))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        ExcludeLoopbackFromProxy(startInfo);
        configure?.Invoke(startInfo);
        var commandLine = FormatCommandLine(fileName, startInfo.ArgumentList);

        using var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();

        // The output is read as bytes: `skopeo inspect --raw` prints a manifest whose digest is checked.
        var standardOutput = new MemoryStream();
        var standardError = new MemoryStream();
        using var readCancellation = new CancellationTokenSource();
        var readers = Task.WhenAll(
            process.StandardOutput.BaseStream.CopyToAsync(standardOutput, readCancellation.Token),
            process.StandardError.BaseStream.CopyToAsync(standardError, readCancellation.Token));

        var timedOut = false;
        using (var exitCancellation = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(exitCancellation.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
            }
        }

        if (timedOut && !process.WaitForExit(OutputDrainTimeout))
        {
            throw new ToolFailedException($"{commandLine}\ntimed out after {timeout.TotalSeconds:F0} s and did not exit after SIGKILL (pid {process.Id})");
        }

        try
        {
            await readers.WaitAsync(OutputDrainTimeout);
        }
        catch (TimeoutException)
        {
            readCancellation.Cancel();
            output.WriteLine($"NOTE: the output pipes of `{commandLine}` stayed open after it exited, so its output may be incomplete.");
        }

        var result = new ToolResult(
            commandLine,
            process.ExitCode,
            standardOutput.ToArray(),
            Encoding.UTF8.GetString(standardError.ToArray()),
            stopwatch.Elapsed);
        output.WriteLine($"$ {commandLine}\n  exit code {result.ExitCode} after {result.Elapsed.TotalSeconds:F1} s");

        if (timedOut)
        {
            throw new ToolFailedException($"Command timed out after {timeout.TotalSeconds:F0} s and was killed:\n{result.Describe()}");
        }

        return result;
    }

    /// <summary>
    /// Returns the full path of an executable found in PATH (or of <paramref name="name"/> itself when
    /// it contains a '/'). Throws <see cref="ToolNotFoundException"/>, naming the install command, otherwise.
    /// </summary>
    public static string Locate(string name)
    {
        if (name.Contains('/'))
        {
            return File.Exists(name) ? name : throw NotFound(name, $"{name} does not exist");
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw NotFound(name, $"{name} was not found in PATH ({path})");
    }

    /// <summary>Returns the dotnet host that runs the tests (DOTNET_HOST_PATH), or the dotnet in PATH.</summary>
    public static string LocateDotnet()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : Locate("dotnet");
    }

    private static ToolNotFoundException NotFound(string name, string problem)
    {
        var hint = InstallHints.TryGetValue(Path.GetFileName(name), out var command) ? command : $"install {name}";
        return new ToolNotFoundException(
            $"{problem}. The end-to-end tests need it: {hint} (.ci/run installs every tool they use).");
    }

    // Every request of these tests goes to 127.0.0.1, so a proxy inherited from the environment must not receive them.
    private static void ExcludeLoopbackFromProxy(ProcessStartInfo startInfo)
    {
        foreach (var name in new[] { "NO_PROXY", "no_proxy" })
        {
            var current = startInfo.Environment.TryGetValue(name, out var value) ? value : null;
            startInfo.Environment[name] = string.IsNullOrEmpty(current) ? "127.0.0.1,localhost" : $"{current},127.0.0.1,localhost";
        }
    }

    private static string FormatCommandLine(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Prepend(fileName).Select(QuoteForDisplay));

    private static string QuoteForDisplay(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=@%+,".Contains(c))
            ? argument
            : $"'{argument.Replace("'", "'\\''")}'";
}
