using Azure;
using Azure.Storage.Blobs.Models;

namespace Registry.Storage.Drivers.Azure;

/// <summary>Translates Blob service failures into the driver's typed exceptions.</summary>
internal static class AzureErrors
{
    /// <summary>Whether the failure means that the blob or its container does not exist.</summary>
    public static bool IsNotFound(RequestFailedException exception) =>
        exception.Status == 404
        || exception.ErrorCode == BlobErrorCode.BlobNotFound
        || exception.ErrorCode == BlobErrorCode.ContainerNotFound
        || exception.ErrorCode == BlobErrorCode.CannotVerifyCopySource;

    /// <summary>
    /// Returns <see cref="PathNotFoundException"/> for a missing blob, otherwise a
    /// <see cref="StorageDriverException"/> that names the account, the container, the endpoint and
    /// the Azure error code. The message never contains a key or a SAS; the SDK's exception is kept
    /// as the inner exception.
    /// </summary>
    public static StorageDriverException Translate(AzureClients clients, string path, RequestFailedException exception)
    {
        if (IsNotFound(exception))
        {
            return new PathNotFoundException(AzureDriver.DriverName, path);
        }

        return Failure(clients, path, $"Azure request failed with status {exception.Status} and error code {exception.ErrorCode ?? "none"}", exception);
    }

    /// <summary>Returns a failure on <paramref name="path"/> whose message names where the driver stores its blobs.</summary>
    public static StorageDriverException Failure(AzureClients clients, string path, string message, Exception? innerException = null) =>
        new(
            AzureDriver.DriverName,
            path,
            $"{message} (account {clients.Container.AccountName}, container {clients.Container.Name}, endpoint {clients.Endpoint})",
            innerException);
}
