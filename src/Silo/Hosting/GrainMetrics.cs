using System.Diagnostics.Metrics;
using Prometheus;

namespace Registry.Silo.Hosting;

/// <summary>
/// Publishes a few of Orleans' own measurements (meter <c>Microsoft.Orleans</c>) as Prometheus
/// metrics: grain call latency and count, timed-out and cancelled calls, and live activations.
/// </summary>
/// <remarks>
/// A listener of only these instruments, in place of prometheus-net's generic meter adapter,
/// which sorts and copies the tags of every measurement: here a grain call costs one histogram
/// observation and allocates nothing. Tags such as the grain type are not kept.
/// NOTE: Orleans' meter is process-wide, so several silos in one process (as in tests) share these
/// figures; the activation gauge is then the sum of their changes since this listener started.
/// </remarks>
internal sealed class GrainMetrics : IDisposable
{
    public const string OrleansMeterName = "Microsoft.Orleans";

    private static readonly double[] CallDurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly MeterListener _listener = new();
    private readonly List<ObservedGaugeSink> _observedGauges = [];
    private readonly Lock _collectLock = new();
    private readonly Dictionary<string, Func<Instrument, Sink?>> _sinks;
    private volatile bool _disposed;

    public GrainMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var callDuration = factory.CreateHistogram(
            "registry_grain_call_duration_seconds",
            "Time from sending a grain call until its response arrived, in seconds; its count is the number of grain calls.",
            new HistogramConfiguration { Buckets = CallDurationBuckets });
        var timedOut = factory.CreateCounter("registry_grain_calls_timed_out_total", "Grain calls that timed out.");
        var canceled = factory.CreateCounter("registry_grain_calls_canceled_total", "Grain calls that were cancelled.");
        var activations = factory.CreateGauge("registry_grain_activations", "Grain activations in this silo.");

        _sinks = new Dictionary<string, Func<Instrument, Sink?>>(StringComparer.Ordinal)
        {
            ["orleans-app-requests-latency"] = instrument => instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal)
                ? new HistogramSink(callDuration, SecondsPerUnit(instrument.Unit))
                : null,
            ["orleans-app-requests-timedout"] = _ => new CounterSink(timedOut),
            ["orleans-app-requests-canceled"] = _ => new CounterSink(canceled),
            ["orleans-catalog-activations"] = instrument => GaugeSink(instrument, activations),
        };

        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.SetMeasurementEventCallback<int>(static (_, value, _, state) => ((Sink)state!).Record(value));
        _listener.SetMeasurementEventCallback<long>(static (_, value, _, state) => ((Sink)state!).Record(value));
        _listener.SetMeasurementEventCallback<double>(static (_, value, _, state) => ((Sink)state!).Record(value));
        _listener.Start();

        registry.AddBeforeCollectCallback(CollectObservedGauges);
    }

    public void Dispose()
    {
        _disposed = true;
        _listener.Dispose();
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (instrument.Meter.Name == OrleansMeterName
            && _sinks.TryGetValue(instrument.Name, out var create)
            && create(instrument) is { } sink)
        {
            listener.EnableMeasurementEvents(instrument, sink);
        }
    }

    private Sink GaugeSink(Instrument instrument, Gauge gauge)
    {
        if (!instrument.IsObservable)
        {
            return new GaugeDeltaSink(gauge);
        }

        var sink = new ObservedGaugeSink(gauge);
        lock (_collectLock)
        {
            _observedGauges.Add(sink);
        }

        return sink;
    }

    /// <summary>Reads the observable instruments, which report a current value only when asked, before each scrape.</summary>
    private void CollectObservedGauges()
    {
        if (_disposed)
        {
            return;
        }

        lock (_collectLock)
        {
            foreach (var gauge in _observedGauges)
            {
                gauge.BeginRound();
            }

            _listener.RecordObservableInstruments();
            foreach (var gauge in _observedGauges)
            {
                gauge.EndRound();
            }
        }
    }

    private static double SecondsPerUnit(string? unit) => unit switch
    {
        "ms" => 0.001,
        "us" or "μs" => 0.000001,
        _ => 1,
    };

    private abstract class Sink
    {
        public abstract void Record(double value);
    }

    private sealed class CounterSink(Counter counter) : Sink
    {
        public override void Record(double value) => counter.Inc(Math.Max(value, 0));
    }

    private sealed class HistogramSink(Histogram histogram, double secondsPerUnit) : Sink
    {
        public override void Record(double value) => histogram.Observe(value * secondsPerUnit);
    }

    /// <summary>An up-down counter: each measurement is a change.</summary>
    private sealed class GaugeDeltaSink(Gauge gauge) : Sink
    {
        public override void Record(double value) => gauge.Inc(value);
    }

    /// <summary>An observable gauge: the measurements of one round, one per tag set, add up to the value.</summary>
    private sealed class ObservedGaugeSink(Gauge gauge) : Sink
    {
        private double _sum;

        public void BeginRound() => _sum = 0;

        public void EndRound() => gauge.Set(_sum);

        public override void Record(double value) => _sum += value;
    }
}
