using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace Registry.Storage.Drivers.S3;

public sealed partial class S3Driver
{
    /// <summary>
    /// Runs one SDK call and translates its failure: a missing key becomes
    /// <see cref="PathNotFoundException"/>, anything else a <see cref="StorageDriverException"/> that
    /// names the endpoint, the bucket and the S3 error code. A cancellation by the caller passes through.
    /// </summary>
    internal async Task<T> CallAsync<T>(string operation, string path, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception exception) when (IsMissingKey(exception))
        {
            throw new PathNotFoundException(Name, path);
        }
        catch (Exception exception) when (IsServiceFailure(exception, cancellationToken))
        {
            S3DriverLog.OperationFailed(_logger, operation, path, exception);
            throw new StorageDriverException(Name, path, $"S3 {operation} on bucket {_options.Bucket} at {_endpoint} failed: {Reason(exception)}", exception);
        }
    }

    internal Task CallAsync(string operation, string path, Func<Task> call, CancellationToken cancellationToken) =>
        CallAsync(operation, path, async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    /// <summary>
    /// Whether S3 reports a missing object. A missing bucket or upload is a configuration or state
    /// failure instead, so it is not reported as a missing path.
    /// </summary>
    internal static bool IsMissingKey(AmazonS3Exception exception) =>
        exception.ErrorCode == "NoSuchKey"
        || (exception.StatusCode == HttpStatusCode.NotFound && exception.ErrorCode is not ("NoSuchBucket" or "NoSuchUpload"));

    private static bool IsServiceFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException => true,

        // HttpClient reports its own timeout as a cancellation that the caller did not request.
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static string Reason(Exception exception) => exception switch
    {
        AmazonServiceException { ErrorCode: { Length: > 0 } code } service => $"{code} (HTTP {(int)service.StatusCode})",
        AmazonServiceException { StatusCode: > 0 } service => $"HTTP {(int)service.StatusCode}",
        AmazonServiceException { InnerException: HttpRequestException or IOException } => "the service could not be reached",
        TaskCanceledException => "the request timed out",
        HttpRequestException or IOException => "the service could not be reached",

        // Client-side failures, such as credentials the default chain cannot find or a body whose
        // MD5 differs from its ETag; their messages carry no secret.
        _ => exception.Message,
    };
}
