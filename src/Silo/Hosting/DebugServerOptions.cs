using Registry.Silo.Configuration;

namespace Registry.Silo.Hosting;

/// <summary>Settings of the debug server (<c>http.debug</c>), a second plain-HTTP listener in the same process.</summary>
public sealed class DebugServerOptions
{
    /// <summary><c>http.debug.addr</c>: <c>host:port</c> of the debug server. Required.</summary>
    public string Address { get; set; } = "";

    /// <summary><c>http.debug.prometheus.enabled</c>: whether Prometheus metrics are served; default false.</summary>
    public bool PrometheusEnabled { get; set; }

    /// <summary><c>http.debug.prometheus.path</c>: the path of the metrics; default <c>/metrics</c>.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>How long the storage health check may take before it counts as failed; default 10 seconds.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ConfigurationException"/>, naming the key, when a setting cannot be used.</summary>
    public void Validate()
    {
        ListenAddress.Parse(Address, "http.debug.addr");
        if (PrometheusEnabled && (!PrometheusPath.StartsWith('/') || PrometheusPath.StartsWith("/debug/health", StringComparison.Ordinal)))
        {
            throw new ConfigurationException($"http.debug.prometheus.path is '{PrometheusPath}', but must be a path starting with '/', other than /debug/health");
        }

        if (HealthCheckTimeout <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"the health check timeout is {HealthCheckTimeout}, but must be positive");
        }
    }
}
