using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Registry.Storage.Drivers.Azure;

// Waiting for a server-side copy, the first half of a move.
public sealed partial class AzureDriver
{
    // Long enough for the service to read the whole source of a pending copy.
    private static readonly TimeSpan CopySourceValidity = TimeSpan.FromHours(1);

    /// <summary>
    /// Waits until the copy to <paramref name="destination"/> succeeds. The n-th poll waits n times
    /// <c>copy_status_poll_delay</c>; after <c>copy_status_poll_max_retry</c> polls, or at once when
    /// it is -1, a copy still pending is aborted and the move fails.
    /// </summary>
    private async Task WaitForCopyAsync(BlobClient destination, CopyFromUriOperation copy, string destinationPath, CancellationToken cancellationToken)
    {
        var status = InitialStatus(copy);
        var copyId = copy.Id;
        var poll = 0;
        try
        {
            while (status == CopyStatus.Pending)
            {
                poll++;
                if (_options.CopyStatusPollMaxRetry < 0 || poll > _options.CopyStatusPollMaxRetry)
                {
                    await destination.AbortCopyFromUriAsync(copyId, cancellationToken: cancellationToken);
                    AzureLog.CopyAborted(_logger, copyId, destination.Name, poll - 1);
                    throw AzureErrors.Failure(
                        _clients, destinationPath, $"copy {copyId} was still pending after {poll - 1} polls (storage.azure.copy_status_poll_max_retry) and was aborted");
                }

                var delay = _options.CopyStatusPollDelay * poll;
                AzureLog.CopyPending(_logger, copyId, destination.Name, poll, delay);
                await Task.Delay(delay, cancellationToken);
                var properties = await destination.GetPropertiesAsync(cancellationToken: cancellationToken);
                status = properties.Value.CopyStatus;
                copyId = properties.Value.CopyId ?? copyId;
                if (status is CopyStatus.Failed or CopyStatus.Aborted)
                {
                    throw AzureErrors.Failure(
                        _clients, destinationPath, $"copy {copyId} ended as {status}: {properties.Value.CopyStatusDescription ?? "no description"}");
                }
            }
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Translate(_clients, destinationPath, exception);
        }
    }

    // The response to Copy Blob carries x-ms-copy-status: success when the service copied synchronously.
    private static CopyStatus InitialStatus(CopyFromUriOperation copy) =>
        copy.GetRawResponse().Headers.TryGetValue("x-ms-copy-status", out var value) && value == "success"
            ? CopyStatus.Success
            : CopyStatus.Pending;
}
