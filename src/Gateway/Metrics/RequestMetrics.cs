using System.Collections.Concurrent;
using System.Globalization;
using Prometheus;

namespace Registry.Gateway.Metrics;

/// <summary>
/// The gateway's Prometheus metrics, registered in one <see cref="CollectorRegistry"/> per host.
/// Names and labels follow distribution's (<c>registry_http_requests_total</c> with
/// <c>handler</c>, <c>method</c> and <c>code</c>) where it has the metric.
/// </summary>
/// <remarks>
/// The labelled children are looked up once per label combination and cached under an integer
/// key, so recording a request allocates nothing once the combination has been seen.
/// </remarks>
internal sealed class RequestMetrics
{
    /// <summary>The methods that get a label of their own. Every other method is counted as <c>other</c>.</summary>
    private static readonly string[] MethodLabels = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "other"];

    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private readonly Counter _requests;
    private readonly Histogram _duration;
    private readonly Counter _receivedBytes;
    private readonly Counter _sentBytes;
    private readonly Gauge _inFlight;

    private readonly ConcurrentDictionary<int, Counter.Child> _requestChildren = new();
    private readonly Histogram.Child?[] _durationChildren = new Histogram.Child?[RequestHandlers.Labels.Length * MethodLabels.Length];
    private readonly Counter.Child[] _receivedChildren;
    private readonly Counter.Child[] _sentChildren;
    private readonly Gauge.Child[] _inFlightChildren;

    public RequestMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _requests = factory.CreateCounter(
            "registry_http_requests_total", "HTTP requests to the registry API, by handler, method and status code.", "handler", "method", "code");
        _duration = factory.CreateHistogram(
            "registry_http_request_duration_seconds",
            "Time from the start of a request until its response was sent, in seconds.",
            new HistogramConfiguration { LabelNames = ["handler", "method"], Buckets = DurationBuckets });
        _receivedBytes = factory.CreateCounter(
            "registry_http_received_bytes_total", "Bytes of request bodies read by the registry API, by handler.", "handler");
        _sentBytes = factory.CreateCounter(
            "registry_http_sent_bytes_total",
            "Bytes of response bodies with a Content-Length sent by the registry API, by handler.",
            "handler");
        _inFlight = factory.CreateGauge("registry_http_in_flight_requests", "Requests being served, by handler.", "handler");
        UploadsStarted = factory.CreateCounter(
            "registry_uploads_started_total", "Blob upload sessions opened, including monolithic uploads.");
        UploadsCompleted = factory.CreateCounter(
            "registry_uploads_completed_total", "Blob uploads that ended with the blob stored (201 Created).");
        UploadsFailed = factory.CreateCounter(
            "registry_uploads_failed_total", "Upload requests (POST, PATCH, PUT) that ended with a 4xx or 5xx status.");

        _receivedChildren = RequestHandlers.Labels.Select(label => _receivedBytes.WithLabels(label)).ToArray();
        _sentChildren = RequestHandlers.Labels.Select(label => _sentBytes.WithLabels(label)).ToArray();
        _inFlightChildren = RequestHandlers.Labels.Select(label => _inFlight.WithLabels(label)).ToArray();
    }

    public Counter UploadsStarted { get; }

    public Counter UploadsCompleted { get; }

    public Counter UploadsFailed { get; }

    /// <summary>Returns the index of <paramref name="method"/> in the method labels.</summary>
    public static int MethodIndex(string method) => method switch
    {
        "GET" => 0,
        "HEAD" => 1,
        "POST" => 2,
        "PUT" => 3,
        "PATCH" => 4,
        "DELETE" => 5,
        _ => 6,
    };

    public Gauge.Child InFlight(RequestHandler handler) => _inFlightChildren[(int)handler];

    /// <summary>Records one finished request.</summary>
    public void RecordRequest(RequestHandler handler, int method, int statusCode, double seconds, long receivedBytes, long sentBytes)
    {
        RequestCounter(handler, method, statusCode).Inc();
        DurationHistogram(handler, method).Observe(seconds);
        if (receivedBytes > 0)
        {
            _receivedChildren[(int)handler].Inc(receivedBytes);
        }

        if (sentBytes > 0)
        {
            _sentChildren[(int)handler].Inc(sentBytes);
        }
    }

    private Counter.Child RequestCounter(RequestHandler handler, int method, int statusCode)
    {
        var key = ((int)handler << 16) | (method << 12) | (statusCode & 0xFFF);
        if (_requestChildren.TryGetValue(key, out var child))
        {
            return child;
        }

        child = _requests.WithLabels(
            RequestHandlers.Labels[(int)handler], MethodLabels[method], statusCode.ToString(CultureInfo.InvariantCulture));
        return _requestChildren.GetOrAdd(key, child);
    }

    private Histogram.Child DurationHistogram(RequestHandler handler, int method)
    {
        var index = ((int)handler * MethodLabels.Length) + method;

        // Two threads may both create the child, which is harmless because prometheus-net returns the same one for the same labels.
        return Volatile.Read(ref _durationChildren[index])
            ?? (_durationChildren[index] = _duration.WithLabels(RequestHandlers.Labels[(int)handler], MethodLabels[method]));
    }
}
