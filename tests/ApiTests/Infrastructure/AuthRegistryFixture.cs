using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Registry.Gateway.Auth;
using Registry.Silo.Configuration;
using Registry.Silo.Hosting;

namespace Registry.ApiTests.Infrastructure;

/// <summary>
/// A registry host with authentication: built by <see cref="RegistryHost.Build"/> over the in-memory
/// driver on a free port of 127.0.0.1, then given the <see cref="AuthOptions"/> of the subclass
/// through the gateway's hook for hosts whose services are already built. Files the options name
/// live in a temporary directory that disposal deletes.
/// </summary>
public abstract class AuthRegistryFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient? _client;

    protected AuthRegistryFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("registry-auth-api-tests-").FullName;
    }

    /// <summary>The temporary directory for the htpasswd, certificate and key files.</summary>
    public string Directory { get; }

    /// <summary>A client of the running host that sends no credentials unless a request adds them.</summary>
    public HttpClient Client => _client ?? throw new InvalidOperationException("the registry host is not running; call InitializeAsync first");

    public async Task InitializeAsync()
    {
        var configuration = new RegistryConfiguration
        {
            StorageDriver = "inmemory",
            DeleteEnabled = true,
            HttpAddress = "127.0.0.1:0",
            LogLevel = "warn",
        };
        _app = RegistryHost.Build(configuration);
        _app.UseRegistryAuth(CreateOptions());
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the registry host started but reports no bound address");
        _client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Sends <paramref name="request"/> with <c>Authorization</c> set to <paramref name="authorization"/> when it is not null.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, AuthenticationHeaderValue? authorization)
    {
        request.Headers.Authorization = authorization;
        return Client.SendAsync(request);
    }

    protected abstract AuthOptions CreateOptions();
}

/// <summary>A host with <c>auth.htpasswd</c> and one user, <see cref="User"/> with <see cref="Password"/>.</summary>
public sealed class HtpasswdRegistry : AuthRegistryFixture
{
    public const string Realm = "Registry Realm";
    public const string User = "alice";
    public const string Password = "correct horse battery staple";

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    protected override AuthOptions CreateOptions()
    {
        var path = Path.Combine(Directory, "htpasswd");
        File.WriteAllText(path, $"# test users\n{User}:{BCrypt.Net.BCrypt.HashPassword(Password, BCrypt.Net.BCrypt.GenerateSalt(4, 'y'))}\nbob:{{SHA}}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n");
        return new AuthOptions { Htpasswd = new HtpasswdAuthOptions { Realm = Realm, Path = path } };
    }
}

/// <summary>A host with <c>auth.silly</c>.</summary>
public sealed class SillyRegistry : AuthRegistryFixture
{
    protected override AuthOptions CreateOptions() => new() { Silly = new SillyAuthOptions { Realm = "silly-realm", Service = "silly-service" } };
}

/// <summary>
/// A host with <c>auth.token</c> whose root certificate bundle contains a test root CA. Tokens are
/// signed with RS256 by a leaf certificate of that root and carry it in <c>x5c</c>.
/// </summary>
public sealed class TokenRegistry : AuthRegistryFixture
{
    public const string Realm = "https://auth.example.test/token";
    public const string Service = "api-test-registry";
    public const string Issuer = "api-test-issuer";

    private readonly RSA _rootKey = RSA.Create(2048);
    private readonly RSA _leafKey = RSA.Create(2048);
    private readonly RSA _unknownKey = RSA.Create(2048);
    private readonly X509Certificate2 _root;
    private readonly X509Certificate2 _leaf;
    private readonly X509Certificate2 _unknown;

    public TokenRegistry()
    {
        var now = DateTimeOffset.UtcNow;
        _root = Authority("CN=API Test Token Root", _rootKey, now);
        _unknown = Authority("CN=Unknown Root", _unknownKey, now);

        var leafRequest = new CertificateRequest("CN=API Test Token Signer", _leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var signed = leafRequest.Create(_root, now.AddDays(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
        _leaf = X509CertificateLoader.LoadCertificate(signed.RawData);
    }

    /// <summary>A valid token granting <paramref name="access"/>, each entry <c>(type, name, actions)</c>.</summary>
    public AuthenticationHeaderValue Token(params (string Type, string Name, string[] Actions)[] access) =>
        Bearer(Sign(Claims(DateTimeOffset.UtcNow.AddMinutes(5), access), _leafKey, _leaf));

    /// <summary>A token that expired ten minutes ago, beyond the 60 seconds of leeway.</summary>
    public AuthenticationHeaderValue ExpiredToken(params (string Type, string Name, string[] Actions)[] access) =>
        Bearer(Sign(Claims(DateTimeOffset.UtcNow.AddMinutes(-10), access), _leafKey, _leaf));

    /// <summary>A token signed by a key whose certificate no configured root vouches for.</summary>
    public AuthenticationHeaderValue UnknownKeyToken(params (string Type, string Name, string[] Actions)[] access) =>
        Bearer(Sign(Claims(DateTimeOffset.UtcNow.AddMinutes(5), access), _unknownKey, _unknown));

    /// <summary>A token with <c>alg: none</c> and no signature.</summary>
    public AuthenticationHeaderValue UnsignedToken(params (string Type, string Name, string[] Actions)[] access) =>
        Bearer($"{Encode(new JsonObject { ["alg"] = "none" })}.{Encode(Claims(DateTimeOffset.UtcNow.AddMinutes(5), access))}.");

    protected override AuthOptions CreateOptions()
    {
        var bundle = Path.Combine(Directory, "root.pem");
        File.WriteAllText(bundle, _root.ExportCertificatePem());
        return new AuthOptions
        {
            Token = new TokenAuthOptions { Realm = Realm, Service = Service, Issuer = Issuer, RootCertBundle = bundle },
        };
    }

    private static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    private static JsonObject Claims(DateTimeOffset expires, (string Type, string Name, string[] Actions)[] access) => new()
    {
        ["iss"] = Issuer,
        ["sub"] = "api-tester",
        ["aud"] = Service,
        ["exp"] = expires.ToUnixTimeSeconds(),
        ["nbf"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
        ["access"] = new JsonArray(access.Select(entry => (JsonNode)new JsonObject
        {
            ["type"] = entry.Type,
            ["name"] = entry.Name,
            ["actions"] = new JsonArray(entry.Actions.Select(action => (JsonNode)action!).ToArray()),
        }).ToArray()),
    };

    private static string Sign(JsonObject claims, RSA key, X509Certificate2 certificate)
    {
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["x5c"] = new JsonArray(Convert.ToBase64String(certificate.RawData)) };
        var signingInput = $"{Encode(header)}.{Encode(claims)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static string Encode(JsonObject value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value.ToJsonString()));

    private static X509Certificate2 Authority(string subject, RSA key, DateTimeOffset now)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        return request.CreateSelfSigned(now.AddDays(-30), now.AddDays(30));
    }
}
