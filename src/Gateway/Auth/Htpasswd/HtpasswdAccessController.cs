using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Registry.Gateway.Auth.Htpasswd;

/// <summary>
/// <c>auth.htpasswd</c>: HTTP Basic authentication against an htpasswd file of bcrypt hashes. Any
/// valid user gets every access, as in distribution. The file is read again when its modification
/// time or length changes, so users can be added without a restart. A file that is missing at
/// start-up is created with one generated user (see <see cref="HtpasswdFileCreator"/>).
/// </summary>
internal sealed class HtpasswdAccessController : IAccessController
{
    // The stand-in hash takes the cost of the file's first entry, capped here so that one entry
    // with a huge cost cannot slow down every request by an unknown user.
    private const int MaxStandInCost = 12;

    private readonly string _realm;
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly Lock _reloadLock = new();
    private volatile Snapshot _snapshot;

    public HtpasswdAccessController(string realm, string path, ILogger logger)
    {
        _realm = realm;
        _path = path;
        _logger = logger;
        HtpasswdFileCreator.CreateIfMissing(path, logger);
        try
        {
            _snapshot = Load(Stamp());
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AuthConfigurationException("auth.htpasswd.path", $"cannot read the htpasswd file {path}: {exception.Message}", exception);
        }
    }

    public string Provider => "htpasswd";

    /// <summary>
    /// Checks the Basic credentials. An unknown user is checked against a stand-in hash of similar
    /// cost, so the response time does not tell whether a user exists.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read any more; the request then fails instead of being served with stale users.</exception>
    public AccessDecision Authorize(HttpRequest request, IReadOnlyList<AccessItem> required)
    {
        string? header = request.Headers[HeaderNames.Authorization];
        if (string.IsNullOrEmpty(header))
        {
            return Deny(AccessFailure.CredentialsMissing, "no Authorization header");
        }

        if (!BasicCredentials.TryParse(header, out var user, out var password))
        {
            return Deny(AccessFailure.CredentialsInvalid, "the Authorization header is not valid Basic credentials");
        }

        var snapshot = Current();
        var known = snapshot.Hashes.TryGetValue(user, out var hash);
        var matches = BCrypt.Net.BCrypt.Verify(password, hash ?? snapshot.StandInHash);
        if (known && matches)
        {
            return AccessDecision.Grant(user);
        }

        return Deny(AccessFailure.CredentialsInvalid, known ? $"wrong password for user '{user}'" : $"unknown user '{user}'");
    }

    private AccessDecision Deny(AccessFailure failure, string reason) => AccessDecision.Deny(failure, Challenge.Basic(_realm), reason);

    /// <summary>Returns the users of the file as it is now, reading it again if it changed.</summary>
    private Snapshot Current()
    {
        var stamp = Stamp();
        var snapshot = _snapshot;
        if (snapshot.Stamp == stamp)
        {
            return snapshot;
        }

        lock (_reloadLock)
        {
            if (_snapshot.Stamp != stamp)
            {
                _snapshot = Load(stamp);
            }

            return _snapshot;
        }
    }

    private FileStamp Stamp()
    {
        var info = new FileInfo(_path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"the htpasswd file {_path} does not exist", _path);
        }

        return new FileStamp(info.LastWriteTimeUtc, info.Length);
    }

    private Snapshot Load(FileStamp stamp)
    {
        HtpasswdEntries entries;
        using (var reader = new StreamReader(_path))
        {
            entries = HtpasswdParser.Parse(reader);
        }

        foreach (var skipped in entries.Skipped)
        {
            AuthLog.HtpasswdLineSkipped(_logger, _path, skipped.Line, skipped.Reason);
        }

        var standInCost = entries.Hashes.Count == 0
            ? HtpasswdFileCreator.GeneratedCost
            : Math.Min(HtpasswdParser.Cost(entries.Hashes.Values.First()), MaxStandInCost);
        var standInHash = BCrypt.Net.BCrypt.HashPassword(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), standInCost);

        AuthLog.HtpasswdLoaded(_logger, _path, entries.Hashes.Count, entries.Skipped.Count);
        return new Snapshot(stamp, entries.Hashes, standInHash);
    }

    private readonly record struct FileStamp(DateTime LastWriteUtc, long Length);

    private sealed record Snapshot(FileStamp Stamp, IReadOnlyDictionary<string, string> Hashes, string StandInHash);
}
