using System.Net;
using Google;
using Microsoft.Extensions.Logging;

namespace Registry.Storage.Drivers.Gcs;

/// <summary>
/// Sends idempotent requests again with exponential backoff and jitter on 429, 5xx but 501, and transport
/// errors, logging each retry, and turns the final failure into a typed storage exception.
/// </summary>
internal sealed class GcsRetryPolicy(string driverName, string bucket, string endpoint, GcsDriverOptions options, ILogger logger)
{
    /// <summary>
    /// Runs <paramref name="request"/> until it succeeds, fails for good or runs out of retries. A 404
    /// becomes <see cref="PathNotFoundException"/>, and any other failure a <see cref="StorageDriverException"/>
    /// that names the bucket, the endpoint and the status.
    /// </summary>
    public async Task<T> RunAsync<T>(
        string operation, string path, string objectName, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        var delay = options.InitialRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await request(cancellationToken);
            }
            catch (Exception exception) when (attempt <= options.MaxRetries && IsTransient(exception, cancellationToken))
            {
                // Half the delay plus a random part of the other half, so replicas that failed together do not retry together.
                var wait = delay / 2 + delay / 2 * Random.Shared.NextDouble();
                GcsDriverLog.RequestRetrying(
                    logger, operation, bucket, objectName, StatusOf(exception), attempt, options.MaxRetries, (long)wait.TotalMilliseconds, exception);
                await Task.Delay(wait, cancellationToken);
                delay *= 2;
            }
            catch (Exception exception) when (Translate(operation, path, exception, cancellationToken) is { } translated)
            {
                throw translated;
            }
        }
    }

    /// <summary>Runs a request that returns nothing; see <see cref="RunAsync{T}"/>.</summary>
    public Task RunAsync(string operation, string path, string objectName, Func<CancellationToken, Task> request, CancellationToken cancellationToken) =>
        RunAsync<bool>(operation, path, objectName, async token =>
        {
            await request(token);
            return true;
        }, cancellationToken);

    /// <summary>The HTTP status of a failed request, or null for a transport error.</summary>
    public static HttpStatusCode? HttpStatusOf(Exception exception) =>
        exception is GoogleApiException { HttpStatusCode: var status and not 0 } ? status : null;

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        return exception switch
        {
            GoogleApiException { HttpStatusCode: HttpStatusCode.TooManyRequests } => true,

            // 501 means the server does not implement the call, and no retry changes that.
            GoogleApiException { HttpStatusCode: HttpStatusCode.NotImplemented } => false,
            GoogleApiException { HttpStatusCode: >= HttpStatusCode.InternalServerError } => true,
            HttpRequestException or IOException => true,

            // HttpClient reports its timeout as a cancellation that the caller did not request.
            TaskCanceledException => true,
            _ => false,
        };
    }

    private StorageDriverException? Translate(string operation, string path, Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        if (exception is not (GoogleApiException or HttpRequestException or IOException or TaskCanceledException))
        {
            return null;
        }

        if (HttpStatusOf(exception) == HttpStatusCode.NotFound)
        {
            return new PathNotFoundException(driverName, path);
        }

        return new StorageDriverException(
            driverName, path, $"GCS {operation} on bucket {bucket} at {endpoint} failed ({StatusOf(exception)})", exception);
    }

    private static string StatusOf(Exception exception) =>
        HttpStatusOf(exception) is { } status ? $"HTTP {(int)status} {status}" : exception.GetType().Name;
}
