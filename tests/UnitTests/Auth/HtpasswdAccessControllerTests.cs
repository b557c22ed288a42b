using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Registry.Gateway.Auth;
using Registry.Gateway.Auth.Htpasswd;
using Registry.Gateway.Logging;

namespace Registry.UnitTests.Auth;

public sealed class HtpasswdAccessControllerTests : IDisposable
{
    private const string Realm = "Registry Realm";

    private readonly string _directory = Directory.CreateTempSubdirectory("registry-htpasswd-tests-").FullName;
    private readonly CapturingLoggerFactory _loggers = new();

    private string FilePath => Path.Combine(_directory, "auth", "htpasswd");

    private static string Hash(string password, char revision = 'y') =>
        BCrypt.Net.BCrypt.HashPassword(password, BCrypt.Net.BCrypt.GenerateSalt(4, revision));

    private HtpasswdAccessController CreateController() => new(Realm, FilePath, _loggers.CreateLogger("test"));

    private void WriteFile(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllText(FilePath, content);
    }

    private static HttpRequest Basic(string user, string password) => Request("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static HttpRequest Request(string? authorization)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context.Request;
    }

    [Fact]
    public void Create_MissingFile_LogsPasswordOnce()
    {
        var controller = CreateController();

        var created = Assert.Single(_loggers.Entries, entry => entry.EventId == GatewayEventIds.HtpasswdCreated);
        Assert.Equal(LogLevel.Warning, created.Level);
        var password = Regex.Match(created.Message, "password (\\S+)\\.").Groups[1].Value;
        Assert.Equal(43, password.Length);
        Assert.StartsWith("docker:$2", File.ReadAllText(FilePath));
        Assert.True(controller.Authorize(Basic("docker", password), []).IsGranted);
        Assert.False(controller.Authorize(Basic("docker", password + "x"), []).IsGranted);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        }

        CreateController();
        Assert.Single(_loggers.Entries, entry => entry.EventId == GatewayEventIds.HtpasswdCreated);
        Assert.Single(_loggers.Entries, entry => entry.Message.Contains(password));
    }

    [Theory]
    [InlineData('a')]
    [InlineData('b')]
    [InlineData('y')]
    public void Authorize_RightPassword_GrantsUser(char revision)
    {
        WriteFile($"alice:{Hash("s3cret", revision)}\n");

        var decision = CreateController().Authorize(Basic("alice", "s3cret"), [AccessItem.Repository("team/app", "push")]);

        Assert.True(decision.IsGranted, decision.Reason);
        Assert.Equal("alice", decision.User);
    }

    [Theory]
    [InlineData("alice", "guess-42", "wrong password")]
    [InlineData("mallory", "s3cret", "unknown user")]
    [InlineData("", "s3cret", "unknown user")]
    public void Authorize_BadCredentials_ChallengesBasic(string user, string password, string reason)
    {
        WriteFile($"alice:{Hash("s3cret")}\n");

        var decision = CreateController().Authorize(Basic(user, password), []);

        Assert.False(decision.IsGranted);
        Assert.Equal(AccessFailure.CredentialsInvalid, decision.Failure);
        Assert.Equal("Basic realm=\"Registry Realm\"", decision.Challenge);
        Assert.Contains(reason, decision.Reason);
        Assert.DoesNotContain(password, decision.Reason);
    }

    [Theory]
    [InlineData(null, "CredentialsMissing")]
    [InlineData("", "CredentialsMissing")]
    [InlineData("Basic", "CredentialsInvalid")]
    [InlineData("Basic %%%", "CredentialsInvalid")]
    [InlineData("Basic YWxpY2U=", "CredentialsInvalid")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.e30.AAAA", "CredentialsInvalid")]
    [InlineData("Basic /w==", "CredentialsInvalid")]
    public void Authorize_MalformedHeader_ChallengesBasic(string? header, string failure)
    {
        WriteFile($"alice:{Hash("s3cret")}\n");

        var decision = CreateController().Authorize(Request(header), []);

        Assert.Equal(Enum.Parse<AccessFailure>(failure), decision.Failure);
        Assert.Equal("Basic realm=\"Registry Realm\"", decision.Challenge);
    }

    [Fact]
    public void Create_NonBcryptLine_WarnsWithLineNumber()
    {
        WriteFile($"# users\nalice:{Hash("s3cret")}\nbob:{{SHA}}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n");

        var controller = CreateController();

        var warning = Assert.Single(_loggers.Entries, entry => entry.EventId == GatewayEventIds.HtpasswdLineSkipped);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("line 3", warning.Message);
        Assert.DoesNotContain("W6ph5", warning.Message);
        Assert.True(controller.Authorize(Basic("alice", "s3cret"), []).IsGranted);
    }

    [Fact]
    public void Authorize_FileChanged_ReadsItAgain()
    {
        WriteFile($"alice:{Hash("s3cret")}\n");
        var controller = CreateController();
        Assert.True(controller.Authorize(Basic("alice", "s3cret"), []).IsGranted);

        WriteFile($"bob:{Hash("other")}\n");
        File.SetLastWriteTimeUtc(FilePath, DateTime.UtcNow.AddMinutes(1));

        Assert.True(controller.Authorize(Basic("bob", "other"), []).IsGranted);
        Assert.False(controller.Authorize(Basic("alice", "s3cret"), []).IsGranted);
        Assert.Equal(2, _loggers.Entries.Count(entry => entry.EventId == GatewayEventIds.HtpasswdLoaded));
    }

    [Fact]
    public void Authorize_FileRemoved_Throws()
    {
        WriteFile($"alice:{Hash("s3cret")}\n");
        var controller = CreateController();
        File.Delete(FilePath);

        Assert.Throws<FileNotFoundException>(() => controller.Authorize(Basic("alice", "s3cret"), []));
    }

    [Fact]
    public void Authorize_Passwords_NeverReachLog()
    {
        WriteFile($"alice:{Hash("s3cret")}\n");
        var controller = CreateController();

        controller.Authorize(Basic("alice", "s3cret"), []);
        controller.Authorize(Basic("alice", "wrong-pass"), []);

        Assert.DoesNotContain(_loggers.Entries, entry => entry.Message.Contains("s3cret") || entry.Message.Contains("wrong-pass"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
