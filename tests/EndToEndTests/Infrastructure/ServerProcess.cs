using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Registry.EndToEndTests.Infrastructure;

/// <summary>
/// A registry server run as a child process on 127.0.0.1 with a generated config file in
/// distribution's format. Subclasses choose the command line, and <see cref="ServerOptions"/> lets a
/// test add config, environment variables and TLS. This class writes the config, picks a free port,
/// polls <c>GET /v2/</c> (over HTTPS for a TLS server) until the server responds, appends stdout
/// and stderr to a log file, and stops or kills only the process it started. On dispose it writes
/// the end of the log to the test output.
/// </summary>
public abstract class ServerProcess : IDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReadinessPollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitAfterKillTimeout = TimeSpan.FromSeconds(10);
    private const int LogTailCharacters = 256 * 1024;
    private const int SignalTerminate = 15;
    private const int MaxStartAttempts = 3;

    private static readonly HashSet<int> PortsHandedOut = [];

    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    private readonly ITestOutputHelper _output;
    private readonly HttpClient _http;
    private readonly Lock _logLock = new();
    private readonly StreamWriter _log;
    private Process? _process;
    private int _startCount;
    private bool _logClosed;
    private volatile bool _addressInUseLogged;

    /// <param name="name">Name used in messages and in the log file name.</param>
    /// <param name="workDirectory">Directory of this server alone, for its config and log files.</param>
    /// <param name="rootDirectory">Root directory of the filesystem storage driver, or null for the inmemory driver.</param>
    /// <param name="output">Test output that receives start and stop events and, on dispose, the end of the log.</param>
    /// <param name="options">The test's additions to the config, environment and readiness probe, or null for none.</param>
    protected ServerProcess(string name, string workDirectory, string? rootDirectory, ITestOutputHelper output, ServerOptions? options = null)
    {
        Name = name;
        RootDirectory = rootDirectory;
        Options = options ?? ServerOptions.Default;
        _output = output;
        _http = Options.Tls is { } tls ? tls.CreateHttpClient(Http.Timeout) : Http;
        Directory.CreateDirectory(workDirectory);
        ConfigPath = Path.Combine(workDirectory, "config.yml");
        LogPath = Path.Combine(workDirectory, $"{name}.log");
        _log = new StreamWriter(new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string Name { get; }

    /// <summary>Root directory of the filesystem storage driver, or null for the inmemory driver.</summary>
    public string? RootDirectory { get; }

    /// <summary>The test's additions to the config, environment and readiness probe.</summary>
    public ServerOptions Options { get; }

    public string ConfigPath { get; }

    public string LogPath { get; }

    /// <summary>Port of the current (or last) run. Each start picks a new free port.</summary>
    public int Port { get; private set; }

    /// <summary>"127.0.0.1:PORT", as clients address the registry over plain HTTP, and the value of <c>http.addr</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>
    /// The base URL of the registry API: <c>https://localhost:PORT</c> for a TLS server, whose
    /// certificate names localhost, otherwise <c>http://127.0.0.1:PORT</c>.
    /// </summary>
    public string BaseUrl => Options.Tls is null ? $"http://{Address}" : $"https://localhost:{Port}";

    public bool IsRunning => _process is not null;

    /// <summary>Log level written to the config file.</summary>
    protected virtual string LogLevel => "info";

    /// <summary>
    /// Returns the command line that serves the registry with the config file at
    /// <paramref name="configPath"/>, or with no config file when it is null.
    /// </summary>
    protected abstract ProcessStartInfo CreateStartInfo(string? configPath);

    /// <summary>
    /// Starts the server on a new free port and waits until <c>GET /v2/</c> returns 200 or 401.
    /// Throws, with the end of the log, when the process exits first or the startup timeout passes.
    /// </summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException($"{Name} is already running as pid {_process.Id}.");
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnFreePortAsync();
                return;
            }
            catch (PortTakenException e) when (attempt < MaxStartAttempts)
            {
                _output.WriteLine($"{e.Message} Starting again on another port.");
            }
        }
    }

    /// <summary>Sends SIGTERM and waits for the process to exit, then sends SIGKILL if it is still running after 30 s.</summary>
    public async Task StopAsync()
    {
        var process = RunningProcess();
        if (Kill(process.Id, SignalTerminate) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        if (!await WaitForExitAsync(process, GracefulStopTimeout))
        {
            AppendLog($"=== {Name} did not exit within {GracefulStopTimeout.TotalSeconds:F0} s of SIGTERM: sending SIGKILL");
            await KillAsync();
            return;
        }

        Release(process, "after SIGTERM");
    }

    /// <summary>Kills the process with SIGKILL, as a crash or power loss would end it, and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        var process = RunningProcess();
        process.Kill();
        if (!await WaitForExitAsync(process, ExitAfterKillTimeout))
        {
            throw new InvalidOperationException($"{Name} (pid {process.Id}) did not exit within {ExitAfterKillTimeout.TotalSeconds:F0} s of SIGKILL.");
        }

        Release(process, "after SIGKILL");
    }

    /// <summary>Stops the server gracefully and starts it again on the same storage, on a new port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Sends <c>GET</c> to <paramref name="pathAndQuery"/> and parses the JSON body. Throws unless the status is 2xx.</summary>
    public async Task<JsonElement> GetJsonAsync(string pathAndQuery)
    {
        using var response = await _http.GetAsync(new Uri($"{BaseUrl}{pathAndQuery}"));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {pathAndQuery} on {Name} at {Address} returned {(int)response.StatusCode}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Returns the whole log file: every start line and the server's stdout and stderr.</summary>
    public string ReadLog() => ReadLogTail(int.MaxValue);

    /// <summary>Returns the last <paramref name="maxCharacters"/> characters of the log file.</summary>
    public string ReadLogTail(int maxCharacters = LogTailCharacters)
    {
        string text;
        using (var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream))
        {
            text = reader.ReadToEnd();
        }

        return text.Length <= maxCharacters
            ? text
            : $"[first {text.Length - maxCharacters} characters cut]\n{text[^maxCharacters..]}";
    }

    public void Dispose()
    {
        if (_process is { } process)
        {
            try
            {
                process.Kill();
                if (!process.WaitForExit(ExitAfterKillTimeout))
                {
                    _output.WriteLine($"WARNING: {Name} (pid {process.Id}) did not exit within {ExitAfterKillTimeout.TotalSeconds:F0} s of SIGKILL.");
                }
                else
                {
                    Release(process, "on dispose after SIGKILL");
                }
            }
            catch (InvalidOperationException e)
            {
                _output.WriteLine($"WARNING: could not kill {Name} (pid {process.Id}) on dispose: {e.Message}");
            }
        }

        _output.WriteLine($"--- {Name} log ({LogPath}):\n{ReadLogTail()}--- end of {Name} log");
        lock (_logLock)
        {
            _logClosed = true;
            _log.Dispose();
        }

        if (!ReferenceEquals(_http, Http))
        {
            _http.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private async Task StartOnFreePortAsync()
    {
        Port = ReserveFreePort();
        string? configPath = null;
        if (!Options.WithoutConfigFile)
        {
            File.WriteAllText(ConfigPath, Options.ConfigText?.Invoke(Address) ?? CreateConfig());
            configPath = ConfigPath;
        }

        var startInfo = CreateStartInfo(configPath);

        // distribution reads REGISTRY_<SECTION>_<KEY> variables as overrides of the config file, so
        // none may leak in from the environment of the test run. Only the test's own variables are set.
        var overrides = startInfo.Environment.Keys.Where(key => key.StartsWith("REGISTRY_", StringComparison.Ordinal)).ToList();
        foreach (var key in overrides)
        {
            startInfo.Environment.Remove(key);
        }

        var environment = Options.Environment?.Invoke(Address) ?? new Dictionary<string, string>();
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;

        _startCount++;
        var commandLine = string.Join(' ', startInfo.ArgumentList.Prepend(startInfo.FileName));
        _addressInUseLogged = false;

        // Only the names of the test's variables are logged, because their values can be secrets or key paths.
        var variables = environment.Count == 0 ? "" : $" with {string.Join(' ', environment.Keys.Order(StringComparer.Ordinal))}";
        AppendLog($"=== start {_startCount}: {commandLine}{variables} (http.addr {Address})");

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => AppendLog(e.Data);
        process.ErrorDataReceived += (_, e) => AppendLog(e.Data);
        process.Start();
        _process = process;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var stopwatch = Stopwatch.StartNew();
        await WaitUntilReadyAsync(process);
        _output.WriteLine($"{Name} (pid {process.Id}) responded to GET /v2/ at {BaseUrl} after {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    private async Task WaitUntilReadyAsync(Process process)
    {
        var stopwatch = Stopwatch.StartNew();
        var lastResult = "no request sent";
        while (stopwatch.Elapsed < StartupTimeout)
        {
            if (process.HasExited)
            {
                await WaitForExitAsync(process, ExitAfterKillTimeout);
                var exitCode = process.ExitCode;
                Release(process, "during startup");
                if (_addressInUseLogged)
                {
                    throw new PortTakenException($"{Name} could not listen on {Address} because another process took the port.");
                }

                throw new InvalidOperationException(
                    $"{Name} exited with code {exitCode} before responding to GET /v2/ at {BaseUrl}. Log:\n{ReadLogTail()}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri($"{BaseUrl}/v2/"));
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }

                lastResult = $"status {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                lastResult = e.Message;
            }
            catch (TaskCanceledException)
            {
                lastResult = $"no response within {_http.Timeout.TotalSeconds:F0} s";
            }

            await Task.Delay(ReadinessPollInterval);
        }

        throw new TimeoutException(
            $"{Name} (pid {process.Id}) did not respond to GET /v2/ at {BaseUrl} within {StartupTimeout.TotalSeconds:F0} s " +
            $"(last result: {lastResult}). Log:\n{ReadLogTail()}");
    }

    private string CreateConfig()
    {
        var config = new StringBuilder();
        config.AppendLine("version: 0.1");
        config.AppendLine("log:");
        config.AppendLine($"  level: {Options.LogLevel ?? LogLevel}");
        config.AppendLine("storage:");
        if (Options.StorageDriverYaml is { } driver)
        {
            AppendIndented(config, driver);
        }
        else if (RootDirectory is null)
        {
            config.AppendLine("  inmemory: {}");
        }
        else
        {
            config.AppendLine("  filesystem:");
            config.AppendLine($"    rootdirectory: {Yaml.Quote(RootDirectory)}");
        }

        config.AppendLine("  delete:");
        config.AppendLine("    enabled: true");
        AppendIndented(config, Options.StorageYaml);
        config.AppendLine("http:");
        config.AppendLine($"  addr: {Address}");
        AppendIndented(config, Options.HttpYaml);
        if (Options.TopLevelYaml is { } topLevel)
        {
            config.Append(Yaml.Indent(topLevel, 0));
        }

        return config.ToString();
    }

    private static void AppendIndented(StringBuilder config, string? yaml)
    {
        if (yaml is not null)
        {
            config.Append(Yaml.Indent(yaml, 2));
        }
    }

    /// <summary>
    /// Returns a free port of 127.0.0.1 that this test run has not handed out before, for a server's
    /// own port or for a second listener such as <c>http.debug.addr</c>.
    /// </summary>
    /// <remarks>
    /// The port is free when this returns but not reserved: another process, or the local end of a
    /// client connection, can take it before the server binds it. StartAsync then tries another port.
    /// A port is never handed out twice in one test run, so that two servers of parallel tests cannot
    /// race for one port and a readiness poll cannot reach another test's server.
    /// </remarks>
    public static int ReserveFreePort()
    {
        const int maxTries = 100;
        for (var i = 0; i < maxTries; i++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (PortsHandedOut)
            {
                if (PortsHandedOut.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"Found no free port that this test run had not used before, after {maxTries} tries.");
    }

    private Process RunningProcess() =>
        _process ?? throw new InvalidOperationException($"{Name} is not running.");

    private static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            // Also waits until the stdout and stderr readers reach the end of their streams.
            await process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Release(Process process, string when)
    {
        AppendLog($"=== {Name} (pid {process.Id}) exited with code {process.ExitCode} {when}");
        _output.WriteLine($"{Name} (pid {process.Id}) exited with code {process.ExitCode} {when}");
        process.Dispose();
        _process = null;
    }

    private void AppendLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        // Kestrel ("address already in use") and Go ("bind: address already in use") use the same words.
        if (line.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            _addressInUseLogged = true;
        }

        lock (_logLock)
        {
            // Output events of a process killed on dispose can still arrive after the log is closed.
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Thrown when the server exits during startup because its port was taken after it was picked.</summary>
    private sealed class PortTakenException(string message) : Exception(message);
}
