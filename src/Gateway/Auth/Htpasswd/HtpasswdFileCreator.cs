using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Registry.Gateway.Auth.Htpasswd;

/// <summary>
/// Creates a missing htpasswd file as distribution does: one user, <c>docker</c>, with a password of
/// 32 random bytes in unpadded base64url, hashed with bcrypt cost 10. The directory is created with
/// mode 0700 and the file with 0600. The password is logged once, at Warning, because nothing else
/// can tell it to the operator; it is the only secret this registry ever logs.
/// </summary>
internal static class HtpasswdFileCreator
{
    public const string GeneratedUser = "docker";

    /// <summary>bcrypt cost of the generated entry: Go's <c>bcrypt.DefaultCost</c>, which distribution uses.</summary>
    public const int GeneratedCost = 10;

    /// <summary>Creates the file unless it exists; returns whether it did.</summary>
    public static bool CreateIfMissing(string path, ILogger logger)
    {
        if (File.Exists(path))
        {
            return false;
        }

        var password = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var line = $"{GeneratedUser}:{BCrypt.Net.BCrypt.HashPassword(password, GeneratedCost)}\n";
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, fileOptions);
            writer.Write(line);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AuthConfigurationException("auth.htpasswd.path", $"the htpasswd file {path} does not exist and cannot be created: {exception.Message}", exception);
        }

        AuthLog.HtpasswdCreated(logger, path, GeneratedUser, password);
        return true;
    }
}
