using System.Globalization;
using Xunit.Abstractions;

namespace Registry.EndToEndTests.Infrastructure;

/// <summary>
/// One request made with curl: curl's own result, and the status, headers and body of the
/// response. <see cref="Status"/> is 0 when no response arrived, as when the TLS handshake failed.
/// </summary>
public sealed record CurlResult(ToolResult Tool, int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public int ExitCode => Tool.ExitCode;

    /// <summary>Returns every value of the header <paramref name="name"/> (case-insensitive), in the order received.</summary>
    public IReadOnlyList<string> HeaderValues(string name) =>
        Headers.Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).ToList();

    /// <summary>Returns the value of the header <paramref name="name"/>, or null when it is absent. Fails the test when it was sent more than once.</summary>
    public string? Header(string name)
    {
        var values = HeaderValues(name);
        Assert.True(values.Count <= 1, $"expected at most one {name} header, got {values.Count}:\n{Describe()}");
        return values.Count == 0 ? null : values[0];
    }

    /// <summary>Returns the command line, curl's exit code and stderr, and the response, for assertion messages.</summary>
    public string Describe() =>
        $"{Tool.CommandLine}\ncurl exit code {ExitCode}, HTTP status {Status}\n" +
        $"--- headers\n{string.Join('\n', Headers.Select(header => $"{header.Key}: {header.Value}"))}\n" +
        $"--- body\n{Body}\n--- curl stderr\n{Tool.StandardError}";
}

/// <summary>
/// Sends requests with curl, as an operator would check a registry by hand. Each request writes
/// its headers and body to files of <paramref name="workDirectory"/>, so that the result keeps
/// them apart. With <paramref name="tls"/>, curl trusts only that CA (<c>--cacert</c>) and presents
/// its client certificate, if any. curl's exit code is returned, not checked.
/// </summary>
public sealed class Curl(ITestOutputHelper output, string workDirectory, TlsClientFiles? tls = null)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    private int _requestCount;

    /// <summary>Sends a request to <paramref name="url"/> with extra curl options, such as <c>--request POST</c> or <c>--user USER:PASSWORD</c>.</summary>
    public async Task<CurlResult> SendAsync(string url, params string[] arguments)
    {
        var number = Interlocked.Increment(ref _requestCount);
        var headerFile = Path.Combine(workDirectory, $"curl-{number}.headers");
        var bodyFile = Path.Combine(workDirectory, $"curl-{number}.body");

        List<string> commandLine =
        [
            "--silent", "--show-error", "--max-time", "30",
            "--dump-header", headerFile, "--output", bodyFile, "--write-out", "%{http_code}",
        ];
        if (tls is not null)
        {
            commandLine.AddRange(["--cacert", tls.CaCertificate]);
            if (tls.ClientCertificate is not null && tls.ClientKey is not null)
            {
                commandLine.AddRange(["--cert", tls.ClientCertificate, "--key", tls.ClientKey]);
            }
        }

        commandLine.AddRange(arguments);
        commandLine.Add(url);

        var result = await Tool.RunUncheckedAsync(output, "curl", commandLine, Timeout);
        var status = int.TryParse(result.StandardOutput.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
        var headers = File.Exists(headerFile) ? ParseHeaders(await File.ReadAllTextAsync(headerFile)) : [];
        var body = File.Exists(bodyFile) ? await File.ReadAllTextAsync(bodyFile) : "";
        return new CurlResult(result, status, headers, body);
    }

    /// <summary>
    /// Returns the header fields of the last response in a <c>--dump-header</c> file, which holds
    /// one block per response, interim ones such as <c>100 Continue</c> included.
    /// </summary>
    private static List<KeyValuePair<string, string>> ParseHeaders(string text)
    {
        var blocks = text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = new List<KeyValuePair<string, string>>();
        if (blocks.Length == 0)
        {
            return headers;
        }

        foreach (var line in blocks[^1].Split('\n').Skip(1))
        {
            var separator = line.IndexOf(':');
            if (separator > 0)
            {
                headers.Add(new(line[..separator].Trim(), line[(separator + 1)..].Trim()));
            }
        }

        return headers;
    }
}
