namespace Registry.EndToEndTests.Infrastructure;

/// <summary>
/// What one test changes in the config, command line, environment and readiness probe of a
/// <see cref="ServerProcess"/>. The default is the harness's plain-HTTP config with no extras.
/// </summary>
public sealed record ServerOptions
{
    public static readonly ServerOptions Default = new();

    /// <summary>
    /// YAML added under <c>http:</c> of the generated config, written as if it were at the top level
    /// (the harness indents it), such as a <c>tls:</c> or <c>debug:</c> block.
    /// </summary>
    public string? HttpYaml { get; init; }

    /// <summary>YAML added under <c>storage:</c> of the generated config, such as a <c>maintenance:</c> block.</summary>
    public string? StorageYaml { get; init; }

    /// <summary>
    /// The storage driver block under <c>storage:</c>, such as <c>s3:</c> with its keys, in place of the
    /// filesystem or inmemory driver that the root directory selects. Written as if it were at the top level.
    /// </summary>
    public string? StorageDriverYaml { get; init; }

    /// <summary>Top-level YAML appended to the generated config, such as an <c>auth:</c> section.</summary>
    public string? TopLevelYaml { get; init; }

    /// <summary>
    /// The whole text of config.yml in place of the generated one, built from the listen address
    /// (<c>127.0.0.1:PORT</c>) of the current start. The extra YAML properties are then ignored.
    /// </summary>
    public Func<string, string>? ConfigText { get; init; }

    /// <summary>
    /// Whether to run <c>serve</c> with no config file argument, so that the server reads only its
    /// built-in defaults and <see cref="Environment"/>. REGISTRY_CONFIGURATION_PATH is removed like
    /// every other inherited REGISTRY_* variable.
    /// </summary>
    public bool WithoutConfigFile { get; init; }

    /// <summary>
    /// Environment variables of the server process, built from the listen address of the current
    /// start. The harness removes every REGISTRY_* variable inherited from the test run first, so
    /// REGISTRY_* overrides reach the server only when a test sets them here.
    /// </summary>
    public Func<string, IReadOnlyDictionary<string, string>>? Environment { get; init; }

    /// <summary>
    /// The TLS files of a server that serves HTTPS: the readiness probe then sends
    /// <c>GET https://localhost:PORT/v2/</c> trusting the CA and presenting the client certificate, if any.
    /// </summary>
    public TlsClientFiles? Tls { get; init; }

    /// <summary><c>log.level</c> of the generated config, or null for the server's default.</summary>
    public string? LogLevel { get; init; }
}
