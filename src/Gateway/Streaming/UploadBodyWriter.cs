using System.Buffers;
using System.Diagnostics;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Registry.Grains.Errors;
using Registry.Grains.Uploads;
using Registry.Storage.Drivers;
using Registry.Storage.Hashing;

namespace Registry.Gateway.Streaming;

/// <summary>
/// Streams a request body into an upload session:
/// 1. take the session's single-writer lease (offset and hash state);
/// 2. copy the body to the storage writer through two pooled buffers, hashing each chunk while the
///    driver writes it and the next chunk is read into the other buffer;
/// 3. commit the writer and record the new offset and hash state, which releases the lease.
/// Blob bytes never enter a grain call.
/// </summary>
internal sealed partial class UploadBodyWriter(IStorageDriver driver, IOptions<GatewayOptions> options, ILogger<UploadBodyWriter> logger)
{
    /// <summary>How often a long copy renews its lease; well inside the grain's lease duration.</summary>
    private static readonly TimeSpan LeaseRenewInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Appends the request body. <paramref name="expectedOffset"/> is where the client says the body
    /// starts (416 when it is not the session's offset), and <paramref name="expectedLength"/> the
    /// number of bytes it announced; a body of another length is rejected and nothing is recorded.
    /// A client that disconnects keeps every byte received so far: the session resumes after them.
    /// </summary>
    public async Task<UploadStatus> AppendAsync(HttpContext context, IUploadGrain upload, string uploadId, long? expectedOffset, long? expectedLength)
    {
        // 1. lease
        var lease = await upload.BeginWriteAsync(expectedOffset);
        var recorded = false;
        IStorageWriter? writer = null;
        var buffer = ArrayPool<byte>.Shared.Rent(options.Value.CopyBufferBytes);
        var spare = ArrayPool<byte>.Shared.Rent(options.Value.CopyBufferBytes);
        var pendingWrite = Task.CompletedTask;
        try
        {
            writer = await driver.WriterAsync(lease.DataPath, lease.Offset);
            using var hasher = ResumableSha256.Restore(lease.HashState);

            // 2. copy and hash
            var body = context.Request.Body;
            long written = 0;
            var sinceRenew = Stopwatch.StartNew();
            Exception? disconnect = null;
            var ended = false;
            while (!ended && disconnect is null)
            {
                // Filling the whole buffer before handing it on keeps the number of write and
                // hash steps per request small: Kestrel returns whatever its pipe contains, often far
                // less than a buffer, and every step costs a hand-over between threads.
                var read = 0;
                while (read < buffer.Length)
                {
                    int received;
                    try
                    {
                        received = await body.ReadAsync(buffer.AsMemory(read), context.RequestAborted);
                    }
                    catch (Exception exception) when (IsClientDisconnect(exception, context))
                    {
                        disconnect = exception;
                        break;
                    }

                    if (received == 0)
                    {
                        ended = true;
                        break;
                    }

                    read += received;

                    // A slow client may take longer than a lease to fill one buffer.
                    if (sinceRenew.Elapsed > LeaseRenewInterval)
                    {
                        await upload.RenewLeaseAsync(lease.LeaseId);
                        sinceRenew.Restart();
                    }
                }

                if (read == 0)
                {
                    continue;
                }

                if (expectedLength is { } limit && written + read > limit)
                {
                    throw new RegistryException(
                        RegistryErrorCode.SizeInvalid,
                        $"the request body is longer than the {limit} bytes its Content-Length or Content-Range announced");
                }

                // The previous chunk's write must finish before the next one starts, to keep the order;
                // this chunk is then hashed while the driver writes it.
                await pendingWrite;
                pendingWrite = writer.WriteAsync(buffer.AsMemory(0, read));
                hasher.Append(buffer.AsSpan(0, read));
                written += read;
                (buffer, spare) = (spare, buffer);
            }

            if (disconnect is null && expectedLength is { } expected && written != expected)
            {
                throw new RegistryException(
                    RegistryErrorCode.SizeInvalid,
                    $"the request body has {written} bytes, but its Content-Length or Content-Range announced {expected}");
            }

            await pendingWrite;

            // 3. commit and record
            await writer.CommitAsync();
            var status = await upload.EndWriteAsync(lease.LeaseId, lease.Offset + written, hasher.ExportState());
            recorded = true;
            if (disconnect is not null)
            {
                LogClientDisconnected(logger, uploadId, status.Offset);
                throw new ClientDisconnectedException($"the client disconnected during upload {uploadId}", disconnect);
            }

            return status;
        }
        finally
        {
            if (!pendingWrite.IsCompleted)
            {
                // Reached only while another exception propagates; the write's own failure, if any,
                // is secondary to it. The buffers go back to the pool only once nothing uses them.
                await Task.WhenAny(pendingWrite);
            }

            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(spare);
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }

            if (!recorded)
            {
                // Bytes written past the recorded offset are discarded by the next writer.
                await upload.AbortWriteAsync(lease.LeaseId);
            }
        }
    }

    private static bool IsClientDisconnect(Exception exception, HttpContext context) => exception switch
    {
        OperationCanceledException => context.RequestAborted.IsCancellationRequested,
        ConnectionResetException => true,
        BadHttpRequestException => true,
        IOException => true,
        _ => false,
    };

    [LoggerMessage(EventId = Logging.GatewayEventIds.UploadClientDisconnected, Level = LogLevel.Information, Message = "Client disconnected during upload {UploadId}; the session keeps {Offset} bytes and can resume")]
    private static partial void LogClientDisconnected(ILogger logger, string uploadId, long offset);
}
