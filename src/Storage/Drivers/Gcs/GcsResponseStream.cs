namespace Registry.Storage.Drivers.Gcs;

/// <summary>Opens the body of a download response as a stream that disposes the response with it.</summary>
internal static class GcsResponseStream
{
    public static async Task<Stream> OpenAsync(HttpResponseMessage response, long skip, CancellationToken cancellationToken)
    {
        var content = await response.Content.ReadAsStreamAsync(cancellationToken);
        var stream = new OwnedReadStream(content, response);
        if (skip > 0)
        {
            // Reached only when the store ignored the Range header and sent the whole object.
            var buffer = new byte[Math.Min(skip, 81920)];
            for (var left = skip; left > 0;)
            {
                var read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(left, buffer.Length)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                left -= read;
            }
        }

        return stream;
    }
}
