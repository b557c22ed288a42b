using System.Security.Cryptography;
using System.Text.Json;
using Registry.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Registry.EndToEndTests;

/// <summary>
/// A config.yml from a deployment guide for distribution's registry with TLS and htpasswd auth, run
/// unchanged except for its paths and listen address, first as a config file and then as REGISTRY_*
/// environment variables alone. Both runs must pass the same checks with skopeo and curl over TLS.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class GuideConfigurationTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The guide's config.yml, verbatim. The tests replace its four paths and its address.</summary>
    private const string GuideConfig = """
        version: 0.1
        log:
          level: info
        storage:
          filesystem:
            rootdirectory: /var/lib/registry
          delete:
            enabled: true
        http:
          addr: 0.0.0.0:5000
          tls:
            certificate: /certs/registry.crt
            key: /certs/registry.key
        auth:
          htpasswd:
            realm: "Registry"
            path: /auth/htpasswd
        """;

    private const string User = "guide-user";
    private const string Repository = "guide/app";
    private static readonly TimeSpan SkopeoTimeout = TimeSpan.FromMinutes(3);
    private static readonly string[] LayerSizes = ["256K", "512K"];

    private readonly TestWorkspace _workspace = new(output);

    // Random, so that finding one in the log cannot be a coincidence.
    private readonly string _password = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
    private readonly string _wrongPassword = "wrong-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task GuideConfigFile_ServesTlsWithHtpasswd()
    {
        var files = await CreateFilesAsync();
        var options = new ServerOptions
        {
            ConfigText = address => ReplaceExactlyOnce(GuideConfig, new Dictionary<string, string>
            {
                ["/var/lib/registry"] = files.RootDirectory,
                ["0.0.0.0:5000"] = address,
                ["/certs/registry.crt"] = files.Certificate,
                ["/certs/registry.key"] = files.Key,
                ["/auth/htpasswd"] = files.Htpasswd,
            }),
            Tls = files.Certificates.Client(withClientCertificate: false),
        };

        var registry = await _workspace.StartRegistryUnderTestAsync(files.RootDirectory, options);

        await AssertGuideBehaviourAsync(registry, files, "guide-file");
    }

    [Fact]
    public async Task GuideSettingsAsEnvironment_BehaveLikeFile()
    {
        var files = await CreateFilesAsync();
        var options = new ServerOptions
        {
            WithoutConfigFile = true,
            Environment = address => new Dictionary<string, string>
            {
                ["REGISTRY_LOG_LEVEL"] = "info",
                ["REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY"] = files.RootDirectory,
                ["REGISTRY_STORAGE_DELETE_ENABLED"] = "true",
                ["REGISTRY_HTTP_ADDR"] = address,
                ["REGISTRY_HTTP_TLS_CERTIFICATE"] = files.Certificate,
                ["REGISTRY_HTTP_TLS_KEY"] = files.Key,
                ["REGISTRY_AUTH_HTPASSWD_REALM"] = "Registry",
                ["REGISTRY_AUTH_HTPASSWD_PATH"] = files.Htpasswd,
            },
            Tls = files.Certificates.Client(withClientCertificate: false),
        };

        // docker-registry 2.8.2 cannot start without a config file, so this runs only this project's registry.
        var registry = await _workspace.StartRegistryAsync(files.RootDirectory, options);

        await AssertGuideBehaviourAsync(registry, files, "guide-environment");
    }

    /// <summary>
    /// Pushes and pulls with the right password, checks that a wrong or missing password gets the
    /// Basic challenge, that the catalog lists the repository, that deletion is enabled, that the
    /// image lies in the configured root directory and that the log contains no password.
    /// </summary>
    private async Task AssertGuideBehaviourAsync(ServerProcess registry, GuideFiles files, string seed)
    {
        var image = await TestImage.CreateAsync(output, _workspace.CreateDirectory("image"), "v1", seed, LayerSizes);
        var certDirectory = files.Certificates.SkopeoDirectory(_workspace.CreateDirectory("skopeo-certs"), withClientCertificate: false);
        var curl = new Curl(output, _workspace.CreateDirectory("curl"), files.Certificates.Client(withClientCertificate: false));
        var remote = $"docker://localhost:{registry.Port}/{Repository}";
        var pulled = Path.Combine(_workspace.Path, "pulled");

        await Tool.RunAsync(
            output, "skopeo", ["copy", "--dest-creds", $"{User}:{_password}", "--dest-cert-dir", certDirectory, image.OciReference, $"{remote}:v1"], SkopeoTimeout);
        await Tool.RunAsync(
            output, "skopeo", ["copy", "--src-creds", $"{User}:{_password}", "--src-cert-dir", certDirectory, $"{remote}:v1", $"oci:{pulled}:v1"], SkopeoTimeout);

        var layout = new OciLayout(pulled);
        Assert.Equal(image.Digest, layout.ResolveTag("v1"));
        OciLayout.AssertSameBlobs(image.Layout, layout);

        var rejectedPush = await Tool.RunUncheckedAsync(
            output, "skopeo", ["copy", "--dest-creds", $"{User}:{_wrongPassword}", "--dest-cert-dir", certDirectory, image.OciReference, $"{remote}:v2"], SkopeoTimeout);
        Assert.True(rejectedPush.ExitCode != 0, $"a push with a wrong password succeeded:\n{rejectedPush.Describe()}");
        Assert.Contains("unauthorized", rejectedPush.StandardError, StringComparison.OrdinalIgnoreCase);

        var wrongPassword = await curl.SendAsync($"{registry.BaseUrl}/v2/", "--user", $"{User}:{_wrongPassword}");
        var noPassword = await curl.SendAsync($"{registry.BaseUrl}/v2/_catalog");
        foreach (var rejected in new[] { wrongPassword, noPassword })
        {
            Assert.True(rejected.Status == 401, rejected.Describe());
            Assert.Equal("Basic realm=\"Registry\"", rejected.Header("WWW-Authenticate"));
        }

        var catalog = await curl.SendAsync($"{registry.BaseUrl}/v2/_catalog", "--user", $"{User}:{_password}");
        Assert.True(catalog.Status == 200, catalog.Describe());
        using (var body = JsonDocument.Parse(catalog.Body))
        {
            Assert.Equal([Repository], Json.Strings(body.RootElement.GetProperty("repositories")));
        }

        Assert.True(
            Directory.Exists(Path.Combine(files.RootDirectory, "docker", "registry", "v2", "repositories", "guide", "app")),
            $"the repository is not stored under the configured root directory {files.RootDirectory}");

        // storage.delete.enabled: true is what lets this succeed.
        await Tool.RunAsync(output, "skopeo", ["delete", "--creds", $"{User}:{_password}", "--cert-dir", certDirectory, $"{remote}:v1"], SkopeoTimeout);
        var deleted = await Tool.RunUncheckedAsync(
            output, "skopeo", ["inspect", "--creds", $"{User}:{_password}", "--cert-dir", certDirectory, $"{remote}:v1"], SkopeoTimeout);
        Assert.True(deleted.ExitCode != 0, $"the image is still there after skopeo delete:\n{deleted.Describe()}");
        Assert.Contains("manifest unknown", deleted.StandardError, StringComparison.OrdinalIgnoreCase);

        var log = registry.ReadLog();
        LogAssert.NoServerErrors(log);
        LogAssert.ContainsNone(log, [("the password", _password), ("the wrong password", _wrongPassword)]);
    }

    /// <summary>Writes the guide's files into the workspace: the server certificate and key, an htpasswd file of one bcrypt user, and an empty root directory.</summary>
    private async Task<GuideFiles> CreateFilesAsync()
    {
        var certificates = TlsCertificates.Create(_workspace.CreateDirectory("tls"));
        var certs = _workspace.CreateDirectory("certs");
        var certificate = Path.Combine(certs, "registry.crt");
        var key = Path.Combine(certs, "registry.key");
        File.Copy(certificates.ServerCertificate, certificate);
        File.Copy(certificates.ServerKey, key);

        var htpasswd = Path.Combine(_workspace.CreateDirectory("auth"), "htpasswd");
        var entry = await Tool.RunAsync(output, "htpasswd", ["-Bbn", User, _password], TimeSpan.FromMinutes(1));
        await File.WriteAllTextAsync(htpasswd, entry.StandardOutput);

        return new GuideFiles(certificates, certificate, key, htpasswd, _workspace.CreateDirectory("registry-data"));
    }

    private static string ReplaceExactlyOnce(string text, IReadOnlyDictionary<string, string> replacements)
    {
        foreach (var (original, replacement) in replacements)
        {
            var count = text.Split(original).Length - 1;
            Assert.True(count == 1, $"the guide's config contains '{original}' {count} times, expected once");
            text = text.Replace(original, replacement, StringComparison.Ordinal);
        }

        return text;
    }

    private sealed record GuideFiles(TlsCertificates Certificates, string Certificate, string Key, string Htpasswd, string RootDirectory);
}
