using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>The <c>log</c> section: level, output format and static fields of the registry's log.</summary>
public sealed class LogSection
{
    /// <summary>
    /// <c>log.level</c>: the least severe level written. Default info. The deprecated top-level
    /// <c>loglevel</c> applies when this key is absent.
    /// </summary>
    [ConfigKey("level")]
    public RegistryLogLevel Level { get; set; } = RegistryLogLevel.Info;

    /// <summary><c>log.formatter</c>: text, json or logstash. Default text.</summary>
    [ConfigKey("formatter")]
    public LogFormat Formatter { get; set; } = LogFormat.Text;

    /// <summary><c>log.fields</c>: names and values added to every log line. Default none.</summary>
    [ConfigKey("fields")]
    public Dictionary<string, object?> Fields { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>log.accesslog</c>: the per-request access log.</summary>
    [ConfigKey("accesslog")]
    public AccessLogSection AccessLog { get; set; } = new();

    /// <summary><c>log.hooks</c>: handlers run for some levels, such as mail on panic. Default none.</summary>
    [ConfigKey("hooks")]
    public List<LogHook> Hooks { get; set; } = [];

    /// <summary><c>log.reportcaller</c>: whether each line names the calling function. Default false.</summary>
    [ConfigKey("reportcaller")]
    public bool ReportCaller { get; set; }
}

/// <summary>A <c>log.level</c> value, from least to most verbose as distribution orders them.</summary>
public enum RegistryLogLevel
{
    Error,
    Warn,
    Info,
    Debug,
}

/// <summary>A <c>log.formatter</c> value.</summary>
public enum LogFormat
{
    Text,
    Json,
    Logstash,
}

/// <summary>The <c>log.accesslog</c> section.</summary>
public sealed class AccessLogSection
{
    /// <summary><c>log.accesslog.disabled</c>: whether the access log is off. Default false (on).</summary>
    [ConfigKey("disabled")]
    public bool Disabled { get; set; }
}

/// <summary>One entry of <c>log.hooks</c>.</summary>
public sealed class LogHook
{
    /// <summary><c>type</c>: the hook's handler. Distribution has only <c>mail</c>.</summary>
    [ConfigKey("type")]
    public string Type { get; set; } = "";

    /// <summary><c>disabled</c>: whether the hook is off. Default false.</summary>
    [ConfigKey("disabled")]
    public bool Disabled { get; set; }

    /// <summary><c>levels</c>: the levels that run the hook, such as <c>panic</c>.</summary>
    [ConfigKey("levels")]
    public List<string> Levels { get; set; } = [];

    /// <summary><c>options</c>: the mail hook's settings.</summary>
    [ConfigKey("options")]
    public LogHookMailSection Options { get; set; } = new();
}

/// <summary>The <c>options</c> of a mail hook.</summary>
public sealed class LogHookMailSection
{
    /// <summary><c>smtp</c>: the mail server.</summary>
    [ConfigKey("smtp")]
    public SmtpSection Smtp { get; set; } = new();

    /// <summary><c>from</c>: the sender address.</summary>
    [ConfigKey("from")]
    public string From { get; set; } = "";

    /// <summary><c>to</c>: the recipient addresses.</summary>
    [ConfigKey("to")]
    public List<string> To { get; set; } = [];
}

/// <summary>The <c>smtp</c> server of a mail hook.</summary>
public sealed class SmtpSection
{
    /// <summary><c>addr</c>: host:port of the mail server.</summary>
    [ConfigKey("addr")]
    public string Address { get; set; } = "";

    /// <summary><c>username</c>: the login name.</summary>
    [ConfigKey("username")]
    public string Username { get; set; } = "";

    /// <summary><c>password</c>: the login password.</summary>
    [ConfigKey("password")]
    [Secret]
    public string Password { get; set; } = "";

    /// <summary><c>insecure</c>: whether the server's certificate is not verified. Default false.</summary>
    [ConfigKey("insecure")]
    public bool Insecure { get; set; }
}
