using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>
/// The <c>health</c> section: periodic checks reported at <c>/debug/health</c> on the debug server.
/// A check's threshold is the number of failures in a row that make it unhealthy. Both 0 and 1 mean
/// a single failure.
/// </summary>
public sealed class HealthSection
{
    /// <summary><c>health.storagedriver</c>: a check of the storage driver.</summary>
    [ConfigKey("storagedriver")]
    public StorageDriverHealthSection StorageDriver { get; set; } = new();

    /// <summary><c>health.file</c>: checks that fail while a file exists, to take a registry out of rotation.</summary>
    [ConfigKey("file")]
    public List<FileHealthCheck> Files { get; set; } = [];

    /// <summary><c>health.http</c>: checks that send HEAD to a URI and expect a status code.</summary>
    [ConfigKey("http")]
    public List<HttpHealthCheck> Http { get; set; } = [];

    /// <summary><c>health.tcp</c>: checks that open a TCP connection.</summary>
    [ConfigKey("tcp")]
    public List<TcpHealthCheck> Tcp { get; set; } = [];

    /// <summary>The default interval between two runs of a check, as distribution documents it.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    internal static void ValidateTiming(ValidationContext context, object check, TimeSpan interval, int threshold, TimeSpan? timeout)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw context.Invalid(check, "interval", "must be a positive duration such as 10s");
        }

        if (threshold < 0)
        {
            throw context.Invalid(check, "threshold", "must not be negative");
        }

        if (timeout is { } value && context.IsSet(check, "timeout") && value <= TimeSpan.Zero)
        {
            throw context.Invalid(check, "timeout", "must be a positive duration such as 3s");
        }
    }
}

/// <summary>The <c>health.storagedriver</c> section.</summary>
public sealed class StorageDriverHealthSection : IValidatedSection
{
    /// <summary><c>enabled</c>: whether the storage driver is checked. Default false.</summary>
    [ConfigKey("enabled")]
    public bool Enabled { get; set; }

    /// <summary><c>interval</c>: time between checks, as a Go duration. Default 10s.</summary>
    [ConfigKey("interval")]
    public TimeSpan Interval { get; set; } = HealthSection.DefaultInterval;

    /// <summary><c>threshold</c>: failures in a row that make it unhealthy. Default 1.</summary>
    [ConfigKey("threshold")]
    public int Threshold { get; set; } = 1;

    void IValidatedSection.Validate(ValidationContext context) =>
        HealthSection.ValidateTiming(context, this, Interval, Threshold, timeout: null);
}

/// <summary>One entry of <c>health.file</c>, in which <c>file</c> is required.</summary>
public sealed class FileHealthCheck : IValidatedSection
{
    /// <summary><c>file</c>: the path whose existence makes the check fail.</summary>
    [ConfigKey("file")]
    public string File { get; set; } = "";

    /// <summary><c>interval</c>: time between checks, as a Go duration. Default 10s.</summary>
    [ConfigKey("interval")]
    public TimeSpan Interval { get; set; } = HealthSection.DefaultInterval;

    /// <summary><c>threshold</c>: failures in a row that make it unhealthy. Default 1.</summary>
    [ConfigKey("threshold")]
    public int Threshold { get; set; } = 1;

    void IValidatedSection.Validate(ValidationContext context)
    {
        context.RequireText(this, "file", File, "a file health check needs the path to watch");
        HealthSection.ValidateTiming(context, this, Interval, Threshold, timeout: null);
    }
}

/// <summary>One entry of <c>health.http</c>, in which <c>uri</c> is required.</summary>
public sealed class HttpHealthCheck : IValidatedSection
{
    /// <summary><c>uri</c>: the http or https URI that receives HEAD requests.</summary>
    [ConfigKey("uri")]
    public string Uri { get; set; } = "";

    /// <summary><c>headers</c>: headers added to each request, each a name and a list of values.</summary>
    [ConfigKey("headers")]
    public Dictionary<string, List<string>> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>statuscode</c>: the expected response status. Default 200.</summary>
    [ConfigKey("statuscode")]
    public int StatusCode { get; set; } = 200;

    /// <summary><c>timeout</c>: the request timeout, as a Go duration. Zero (unset) leaves the HTTP client's default.</summary>
    [ConfigKey("timeout")]
    public TimeSpan Timeout { get; set; }

    /// <summary><c>interval</c>: time between checks, as a Go duration. Default 10s.</summary>
    [ConfigKey("interval")]
    public TimeSpan Interval { get; set; } = HealthSection.DefaultInterval;

    /// <summary><c>threshold</c>: failures in a row that make it unhealthy. Default 1.</summary>
    [ConfigKey("threshold")]
    public int Threshold { get; set; } = 1;

    void IValidatedSection.Validate(ValidationContext context)
    {
        context.RequireText(this, "uri", Uri, "an HTTP health check needs the URI to request");
        if (!HttpSection.IsHttpUrl(Uri))
        {
            throw context.Invalid(this, "uri", "must be an absolute http or https URL");
        }

        if (StatusCode is < 100 or > 599)
        {
            throw context.Invalid(this, "statuscode", "must be an HTTP status code from 100 to 599");
        }

        HttpSection.ValidateHeaders(context, this, "headers", Headers);
        HealthSection.ValidateTiming(context, this, Interval, Threshold, Timeout);
    }
}

/// <summary>One entry of <c>health.tcp</c>, in which <c>addr</c> is required.</summary>
public sealed class TcpHealthCheck : IValidatedSection
{
    /// <summary><c>addr</c>: host:port to connect to.</summary>
    [ConfigKey("addr")]
    public string Address { get; set; } = "";

    /// <summary><c>timeout</c>: the connect timeout, as a Go duration. Zero (unset) leaves the system's default.</summary>
    [ConfigKey("timeout")]
    public TimeSpan Timeout { get; set; }

    /// <summary><c>interval</c>: time between checks, as a Go duration. Default 10s.</summary>
    [ConfigKey("interval")]
    public TimeSpan Interval { get; set; } = HealthSection.DefaultInterval;

    /// <summary><c>threshold</c>: failures in a row that make it unhealthy. Default 1.</summary>
    [ConfigKey("threshold")]
    public int Threshold { get; set; } = 1;

    void IValidatedSection.Validate(ValidationContext context)
    {
        context.RequireText(this, "addr", Address, "a TCP health check needs the address to connect to");
        if (!ListenAddress.TryParse(Address, out var address) || address.Port == 0 || (address.Address is null && address.Host is null))
        {
            throw context.Invalid(this, "addr", "must be host:port");
        }

        HealthSection.ValidateTiming(context, this, Interval, Threshold, Timeout);
    }
}
