namespace Registry.Storage.Drivers.Swift;

/// <summary>A token and the storage URL (<c>https://host/v1/AUTH_account</c>) that it is valid for.</summary>
internal sealed record SwiftSession(Uri StorageUrl, string Token, string TenantId);

/// <summary>One identity API version: exchanges the configured credentials for a <see cref="SwiftSession"/>.</summary>
internal interface ISwiftAuthenticator
{
    int Version { get; }

    Task<SwiftSession> AuthenticateAsync(HttpClient http, CancellationToken cancellationToken);
}

/// <summary>Authentication failed; the message names the identity URL and status, never a credential.</summary>
public sealed class SwiftAuthenticationException(string message, Exception? innerException = null)
    : StorageDriverException(SwiftDriver.DriverName, "/", message, innerException);

/// <summary>Chooses the identity API version, as distribution's Swift client does.</summary>
internal static class SwiftAuthenticators
{
    /// <summary>
    /// Creates the authenticator of <see cref="SwiftDriverOptions.AuthVersion"/>, or, when that is 0, of the version
    /// that the URL names: <c>/v3</c> is 3, <c>/v2</c> is 2, anything else (<c>/auth/v1.0</c>) is 1.
    /// </summary>
    public static ISwiftAuthenticator Create(SwiftDriverOptions options)
    {
        var version = options.AuthVersion != 0 ? options.AuthVersion : DetectVersion(options.AuthUrl);
        return version switch
        {
            3 => new KeystoneV3Authenticator(options),
            2 => new KeystoneV2Authenticator(options),
            _ => new SwiftV1Authenticator(options),
        };
    }

    public static int DetectVersion(string authUrl)
    {
        var path = new Uri(authUrl).AbsolutePath;
        if (path.Contains("/v3", StringComparison.Ordinal))
        {
            return 3;
        }

        return path.Contains("/v2", StringComparison.Ordinal) ? 2 : 1;
    }

    /// <summary>Reads an error response into an exception that names the URL and status.</summary>
    public static SwiftAuthenticationException Failure(Uri url, HttpResponseMessage response) =>
        new($"authentication at {url} failed with status {(int)response.StatusCode} {response.ReasonPhrase}");
}
