using System.Collections.Concurrent;

namespace Registry.StorageTests.Drivers;

/// <summary>An HTTP stage that records each request the S3 client sends: method, query keys and whether it copies.</summary>
internal sealed class S3RequestRecorder
{
    public ConcurrentQueue<string> Requests { get; } = new();

    public HttpMessageHandler Wrap(HttpMessageHandler inner) => new RecordingHandler(inner, this);

    /// <summary>Returns the recorded requests, each as "METHOD" followed by the names of its query parameters.</summary>
    public IReadOnlyList<string> Snapshot() => [.. Requests];

    private sealed class RecordingHandler(HttpMessageHandler inner, S3RequestRecorder recorder) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = (request.RequestUri?.Query ?? "").TrimStart('?')
                .Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=')[0])
                .Where(name => !name.StartsWith("X-Amz-", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            var copy = request.Headers.Contains("x-amz-copy-source") ? " copy" : "";
            recorder.Requests.Enqueue(string.Join(" ", [request.Method.Method, .. query]) + copy);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
