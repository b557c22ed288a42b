using Microsoft.Extensions.Logging;
using Registry.Gateway.Logging;

namespace Registry.Gateway.Auth;

/// <summary>The log messages of authentication. None carries a password or a token, except <see cref="HtpasswdCreated"/>.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = GatewayEventIds.AuthEnabled, Level = LogLevel.Information, Message = "Authentication by {Provider} is enabled")]
    public static partial void AuthEnabled(ILogger logger, string provider);

    [LoggerMessage(EventId = GatewayEventIds.AuthDenied, Level = LogLevel.Debug, Message = "{Method} {Path} unauthorized ({Failure}): {Reason}; needed '{Scope}'")]
    public static partial void AuthDenied(ILogger logger, string method, PathString path, AccessFailure failure, string reason, string scope);

    [LoggerMessage(EventId = GatewayEventIds.AuthGranted, Level = LogLevel.Debug, Message = "{Method} {Path} authorized for user {User}")]
    public static partial void AuthGranted(ILogger logger, string method, PathString path, string user);

    /// <summary>The one message that carries a secret: distribution prints the generated password the same way.</summary>
    [LoggerMessage(EventId = GatewayEventIds.HtpasswdCreated, Level = LogLevel.Warning,
        Message = "The htpasswd file {Path} was missing, so it was created with user {User} and password {Password}. This password is not logged again")]
    public static partial void HtpasswdCreated(ILogger logger, string path, string user, string password);

    [LoggerMessage(EventId = GatewayEventIds.HtpasswdLoaded, Level = LogLevel.Information, Message = "Loaded the htpasswd file {Path}: {UserCount} users, {SkippedCount} lines skipped")]
    public static partial void HtpasswdLoaded(ILogger logger, string path, int userCount, int skippedCount);

    [LoggerMessage(EventId = GatewayEventIds.HtpasswdLineSkipped, Level = LogLevel.Warning, Message = "htpasswd file {Path}, line {Line} skipped: {Reason}")]
    public static partial void HtpasswdLineSkipped(ILogger logger, string path, int line, string reason);

    [LoggerMessage(EventId = GatewayEventIds.TokenAlgorithmIgnored, Level = LogLevel.Warning,
        Message = "auth.token.signingalgorithms lists {Algorithm}, which this registry does not verify; tokens signed with it are rejected")]
    public static partial void TokenAlgorithmIgnored(ILogger logger, string algorithm);

    [LoggerMessage(EventId = GatewayEventIds.TokenKeysLoaded, Level = LogLevel.Information,
        Message = "Token authentication trusts {CertificateCount} root certificates and {KeyCount} keys by key id; algorithms {Algorithms}")]
    public static partial void TokenKeysLoaded(ILogger logger, int certificateCount, int keyCount, string algorithms);

    [LoggerMessage(EventId = GatewayEventIds.TokenJwksKeySkipped, Level = LogLevel.Warning, Message = "JWKS file {Path}, key {Index} skipped: {Reason}")]
    public static partial void TokenJwksKeySkipped(ILogger logger, string path, int index, string reason);
}
