using System.Net;
using Microsoft.Extensions.Logging;

namespace Registry.Storage.Drivers.Swift;

/// <summary>
/// Sends authenticated requests to the storage URL: authenticates on first use, authenticates again once when the
/// token is rejected (401), and retries idempotent requests with exponential backoff after a 5xx, a 429 or a
/// connection error.
/// </summary>
internal sealed class SwiftConnection(
    HttpClient http, ISwiftAuthenticator authenticator, SwiftDriverOptions options, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _authLock = new(1, 1);
    private SwiftSession? _session;

    public HttpClient Http => http;

    /// <summary>Returns the current session, authenticating when there is none.</summary>
    public async Task<SwiftSession> SessionAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _session) is { } session)
        {
            return session;
        }

        return await RenewAsync(rejected: null, cancellationToken);
    }

    /// <summary>
    /// Sends the request that <paramref name="build"/> creates for a session; it is called again for each attempt, so
    /// its content must be repeatable. Returns the response whatever its status, except that a status still worth
    /// retrying after the last retry is returned as it is too. Connection errors after the last retry are raised.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<SwiftSession, HttpRequestMessage> build,
        bool idempotent,
        CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var reauthenticated = false;
        var retry = 0;
        while (true)
        {
            var session = await SessionAsync(cancellationToken);
            using var request = build(session);
            request.Headers.TryAddWithoutValidation("X-Auth-Token", session.Token);
            var target = Describe(request);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, completion, cancellationToken);
            }
            catch (Exception exception) when (idempotent && retry < options.MaxRetries && IsTransient(exception, cancellationToken))
            {
                retry++;
                var delay = Backoff(retry);
                SwiftLog.RetryAfterError(logger, request.Method.Method, target, delay, retry, options.MaxRetries, exception);
                await Task.Delay(delay, cancellationToken);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && !reauthenticated)
            {
                response.Dispose();
                reauthenticated = true;
                SwiftLog.TokenRejected(logger, request.Method.Method, target);
                await RenewAsync(session, cancellationToken);
                continue;
            }

            if (idempotent && retry < options.MaxRetries && IsRetryable(response.StatusCode))
            {
                response.Dispose();
                retry++;
                var delay = Backoff(retry);
                SwiftLog.RetryAfterStatus(logger, request.Method.Method, target, delay, retry, options.MaxRetries, (int)response.StatusCode);
                await Task.Delay(delay, cancellationToken);
                continue;
            }

            return response;
        }
    }

    /// <summary>The request's method and URL without its query string, which may hold a signature.</summary>
    public static string Describe(HttpRequestMessage request) =>
        request.RequestUri is { } uri ? uri.GetLeftPart(UriPartial.Path) : "";

    public void Dispose() => _authLock.Dispose();

    private async Task<SwiftSession> RenewAsync(SwiftSession? rejected, CancellationToken cancellationToken)
    {
        await _authLock.WaitAsync(cancellationToken);
        try
        {
            // Another request may have renewed the session while this one waited.
            if (_session is { } current && !ReferenceEquals(current, rejected))
            {
                return current;
            }

            var authUrl = new Uri(options.AuthUrl);
            SwiftSession session;
            try
            {
                session = await authenticator.AuthenticateAsync(http, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or SwiftAuthenticationException or System.Text.Json.JsonException)
            {
                SwiftLog.AuthenticationFailed(logger, authUrl, exception);
                throw exception as SwiftAuthenticationException
                    ?? new SwiftAuthenticationException($"authentication at {authUrl} failed: {exception.Message}", exception);
            }

            SwiftLog.Authenticated(logger, authenticator.Version, authUrl, session.StorageUrl);
            Volatile.Write(ref _session, session);
            return session;
        }
        finally
        {
            _authLock.Release();
        }
    }

    private TimeSpan Backoff(int retry) => options.RetryBaseDelay * Math.Pow(2, retry - 1);

    private static bool IsRetryable(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    // A timeout of HttpClient surfaces as TaskCanceledException without the caller's token being cancelled.
    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException
        || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
