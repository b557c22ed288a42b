using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Registry.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Registry.EndToEndTests;

/// <summary>
/// <c>auth.htpasswd</c> in a real registry process: the file created when it is missing, lines
/// that are not bcrypt, and malformed Authorization headers, checked with curl and in the log.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class HtpasswdTests(ITestOutputHelper output) : IDisposable
{
    private const string Realm = "e2e-htpasswd";

    private readonly TestWorkspace _workspace = new(output);

    public void Dispose() => _workspace.Dispose();

    // The message that logs the generated password, which is base64url.
    [GeneratedRegex(@"created with user (?<user>\S+) and password (?<password>[A-Za-z0-9_-]+)")]
    private static partial Regex GeneratedCredentials();

    [Fact]
    public async Task MissingFile_CreatedWithGeneratedUser()
    {
        // Neither the file nor its directory exists.
        var htpasswd = Path.Combine(_workspace.Path, "auth", "htpasswd");
        var registry = await StartAsync(htpasswd);
        var curl = new Curl(output, _workspace.CreateDirectory("curl"));

        Assert.True(File.Exists(htpasswd), $"{htpasswd} was not created");
        var entries = File.ReadAllLines(htpasswd).Where(line => line.Length > 0).ToList();
        Assert.Single(entries);
        Assert.Matches(@"^docker:\$2[aby]\$\d\d\$", entries[0]);
        if (!OperatingSystem.IsWindows())
        {
            var othersAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(htpasswd) & othersAccess);
        }

        var match = GeneratedCredentials().Match(registry.ReadLog());
        Assert.True(match.Success, "the log does not name the generated user and password");
        var user = match.Groups["user"].Value;
        var password = match.Groups["password"].Value;
        Assert.Equal("docker", user);

        var login = await curl.SendAsync($"{registry.BaseUrl}/v2/", "--user", $"{user}:{password}");
        var wrongPassword = await curl.SendAsync($"{registry.BaseUrl}/v2/", "--user", $"{user}:{password}x");

        Assert.True(login.Status == 200, login.Describe());
        Assert.True(wrongPassword.Status == 401, wrongPassword.Describe());
        var log = registry.ReadLog();
        Assert.Equal(1, Regex.Count(log, Regex.Escape(password)));
        LogAssert.ContainsNone(log, [("the Authorization value of the login", Basic($"{user}:{password}"))]);
        LogAssert.NoServerErrors(log);
    }

    [Fact]
    public async Task NonBcryptLines_SkippedWithLineNumber()
    {
        var md5Password = NewPassword();
        var shaPassword = NewPassword();
        var bcryptPassword = NewPassword();
        var md5 = await HtpasswdEntryAsync("-mbn", "md5-user", md5Password);
        var sha = await HtpasswdEntryAsync("-sbn", "sha-user", shaPassword);
        var bcrypt = await HtpasswdEntryAsync("-Bbn", "bcrypt-user", bcryptPassword);
        var htpasswd = Path.Combine(_workspace.CreateDirectory("auth"), "htpasswd");
        await File.WriteAllTextAsync(htpasswd, $"# users of the end-to-end test\n{md5}\n{sha}\n{bcrypt}\n");

        var registry = await StartAsync(htpasswd);
        var curl = new Curl(output, _workspace.CreateDirectory("curl"));
        var md5Login = await curl.SendAsync($"{registry.BaseUrl}/v2/", "--user", $"md5-user:{md5Password}");
        var shaLogin = await curl.SendAsync($"{registry.BaseUrl}/v2/", "--user", $"sha-user:{shaPassword}");
        var bcryptLogin = await curl.SendAsync($"{registry.BaseUrl}/v2/", "--user", $"bcrypt-user:{bcryptPassword}");

        var log = registry.ReadLog();
        AssertWarning(log, $"htpasswd file {htpasswd}, line 2 skipped: the hash is not bcrypt");
        AssertWarning(log, $"htpasswd file {htpasswd}, line 3 skipped: the hash is not bcrypt");
        Assert.DoesNotContain($"htpasswd file {htpasswd}, line 4 skipped", log);
        Assert.True(md5Login.Status == 401, md5Login.Describe());
        Assert.True(shaLogin.Status == 401, shaLogin.Describe());
        Assert.True(bcryptLogin.Status == 200, bcryptLogin.Describe());

        LogAssert.ContainsNone(log,
        [
            ("the MD5 user's password", md5Password),
            ("the SHA-1 user's password", shaPassword),
            ("the bcrypt user's password", bcryptPassword),
            ("the MD5 hash", md5[(md5.IndexOf(':') + 1)..]),
            ("the SHA-1 hash", sha[(sha.IndexOf(':') + 1)..]),
            ("the bcrypt hash", bcrypt[(bcrypt.IndexOf(':') + 1)..]),
            ("the Authorization value of the bcrypt login", Basic($"bcrypt-user:{bcryptPassword}")),
        ]);
        LogAssert.NoServerErrors(log);
    }

    [Fact]
    public async Task MalformedAuthorization_Gets401()
    {
        var password = NewPassword();
        var htpasswd = Path.Combine(_workspace.CreateDirectory("auth"), "htpasswd");
        await File.WriteAllTextAsync(htpasswd, await HtpasswdEntryAsync("-Bbn", "e2e-user", password) + "\n");
        var registry = await StartAsync(htpasswd);
        var curl = new Curl(output, _workspace.CreateDirectory("curl"));

        // The valid credentials of the user, base64-encoded, sent below only in malformed headers.
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"e2e-user:{password}"));
        var longBase64 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(6000));

        // Each case: the curl header option, and the part of it that must not reach the log (null when it is only a scheme name).
        (string Header, string? Secret)[] cases =
        [
            ("Authorization: Basic !!!notbase64", "!!!notbase64"),
            ("Authorization: Basic ", null),
            ("Authorization: Basic", null),
            ("Authorization: Bearer", null),
            ("Authorization: Bearer ", null),
            ("Authorization;", null),
            ($"Authorization: {credentials}", credentials),
            ($"Authorization: Basic {credentials}==", credentials),
            ($"Authorization: Bearer {credentials}", credentials),
            ($"Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("e2e-user"))}", null),
            ($"Authorization: Basic {Convert.ToBase64String([0xFF, 0xFE, (byte)':', 0xC0])}", null),
            ($"Authorization: Basic {longBase64}", longBase64),
            ("Authorization: Digest username=\"e2e-user\", realm=\"e2e-htpasswd\"", null),
        ];

        foreach (var (header, _) in cases)
        {
            var response = await curl.SendAsync($"{registry.BaseUrl}/v2/", "--header", header);

            Assert.True(response.Status == 401, $"{header}: expected 401:\n{response.Describe()}");
            Assert.Equal($"Basic realm=\"{Realm}\"", response.Header("WWW-Authenticate"));
            Assert.Equal("UNAUTHORIZED", ErrorCode(response));
        }

        var secrets = new List<(string Description, string Value)> { ("the password", password) };
        for (var i = 0; i < cases.Length; i++)
        {
            if (cases[i].Secret is { } secret)
            {
                secrets.Add(($"the credentials of header case {i + 1}", secret));
            }
        }

        var log = registry.ReadLog();
        LogAssert.NoServerErrors(log);
        LogAssert.ContainsNone(log, secrets);
    }

    private static string NewPassword() => "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static string Basic(string userAndPassword) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndPassword));

    private static string? ErrorCode(CurlResult response)
    {
        using var body = JsonDocument.Parse(response.Body);
        return body.RootElement.GetProperty("errors")[0].GetProperty("code").GetString();
    }

    private static void AssertWarning(string log, string message)
    {
        var lines = log.Split('\n').Where(line => line.Contains(message, StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"expected one log line with '{message}', found {lines.Count}:\n{string.Join('\n', lines)}");
        Assert.Contains(" warn: ", lines[0]);
    }

    /// <summary>Returns one htpasswd line made by Apache's htpasswd tool (-B bcrypt, -m MD5 apr1, -s SHA-1).</summary>
    private async Task<string> HtpasswdEntryAsync(string options, string user, string password)
    {
        var result = await Tool.RunAsync(output, "htpasswd", [options, user, password], TimeSpan.FromMinutes(1));
        return result.StandardOutput.Trim();
    }

    private Task<ServerProcess> StartAsync(string htpasswd) =>
        _workspace.StartRegistryAsync(null, new ServerOptions
        {
            TopLevelYaml = $"auth:\n  htpasswd:\n    realm: {Realm}\n    path: {Yaml.Quote(htpasswd)}\n",
        });
}
