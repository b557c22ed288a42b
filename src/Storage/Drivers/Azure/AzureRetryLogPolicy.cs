using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace Registry.Storage.Drivers.Azure;

/// <summary>
/// Logs each attempt that the SDK's retry policy will repeat. It runs once per attempt, inside the
/// retry loop, and logs only the method and the URL path: the query, which may hold a SAS, stays out.
/// </summary>
internal sealed class AzureRetryLogPolicy(ILogger logger, int maxRetries) : HttpPipelinePolicy
{
    // The statuses that Azure.Core's default classifier retries.
    private static readonly HashSet<int> RetriedStatuses = [408, 429, 500, 502, 503, 504];

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception exception) when (LogIfRetried(message, exception.GetType().Name))
        {
            throw;
        }

        LogResponse(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        catch (Exception exception) when (LogIfRetried(message, exception.GetType().Name))
        {
            throw;
        }

        LogResponse(message);
    }

    private void LogResponse(HttpMessage message)
    {
        if (message.HasResponse && RetriedStatuses.Contains(message.Response.Status))
        {
            LogIfRetried(message, $"status {message.Response.Status}");
        }
    }

    // Returns false so that the exception filter never catches: the exception goes on to the retry policy.
    private bool LogIfRetried(HttpMessage message, string reason)
    {
        var attempt = message.ProcessingContext.RetryNumber + 1;
        if (attempt <= maxRetries && !message.CancellationToken.IsCancellationRequested)
        {
            AzureLog.RequestRetry(logger, message.Request.Method.ToString(), message.Request.Uri.Path, attempt, reason);
        }

        return false;
    }
}
