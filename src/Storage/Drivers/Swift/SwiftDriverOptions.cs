namespace Registry.Storage.Drivers.Swift;

/// <summary>Settings of the <c>swift</c> driver (<c>storage.swift</c> in <c>config.yml</c>, as in distribution v2.8).</summary>
public sealed class SwiftDriverOptions
{
    /// <summary>Smallest segment size distribution v2.8 accepts: 1 MiB.</summary>
    public const long MinChunkSize = 1024 * 1024;

    /// <summary>URL of the identity service (<c>authurl</c>), such as <c>https://host/v3</c> or <c>http://host/auth/v1.0</c>. Required.</summary>
    public string AuthUrl { get; set; } = "";

    /// <summary>User name (<c>username</c>); tempauth spells it <c>account:user</c>. Required.</summary>
    public string Username { get; set; } = "";

    /// <summary>Password or tempauth key (<c>password</c>). Required.</summary>
    public string Password { get; set; } = "";

    /// <summary>Container of every object (<c>container</c>), created at start when missing. Required.</summary>
    public string Container { get; set; } = "";

    /// <summary>Project (tenant) name of identity v2 and v3 (<c>tenant</c>). Default none.</summary>
    public string Tenant { get; set; } = "";

    /// <summary>Project (tenant) ID of identity v2 and v3 (<c>tenantid</c>); preferred over <see cref="Tenant"/>. Default none.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Domain name of the user in identity v3 (<c>domain</c>). Default none.</summary>
    public string Domain { get; set; } = "";

    /// <summary>Domain ID of the user in identity v3 (<c>domainid</c>); preferred over <see cref="Domain"/>. Default none.</summary>
    public string DomainId { get; set; } = "";

    /// <summary>Domain name of the project in identity v3 (<c>tenantdomain</c>). Default the user's domain.</summary>
    public string TenantDomain { get; set; } = "";

    /// <summary>Domain ID of the project in identity v3 (<c>tenantdomainid</c>). Default the user's domain.</summary>
    public string TenantDomainId { get; set; } = "";

    /// <summary>Trust that scopes an identity v3 token (<c>trustid</c>); replaces the project scope. Default none.</summary>
    public string TrustId { get; set; } = "";

    /// <summary>Region of the object-store endpoint in the service catalog (<c>region</c>). Default the first endpoint.</summary>
    public string Region { get; set; } = "";

    /// <summary>Identity API version 1, 2 or 3 (<c>authversion</c>). Default 0: detected from <see cref="AuthUrl"/>.</summary>
    public int AuthVersion { get; set; }

    /// <summary>Catalog interface: <c>public</c>, <c>internal</c> or <c>admin</c> (<c>endpointtype</c>). Default <c>public</c>.</summary>
    public string EndpointType { get; set; } = "public";

    /// <summary>Whether TLS certificates of the identity and storage services go unchecked (<c>insecureskipverify</c>). Default false.</summary>
    public bool InsecureSkipVerify { get; set; }

    /// <summary>
    /// Segment size of large objects in bytes (<c>chunksize</c>), at least <see cref="MinChunkSize"/>. Default 20 MiB,
    /// the default of distribution v2.8's code (its documentation page says 5M).
    /// </summary>
    public long ChunkSize { get; set; } = 20 * 1024 * 1024;

    /// <summary>Object-name prefix (<c>prefix</c>): objects are <c>&lt;prefix&gt;/files/...</c> and <c>&lt;prefix&gt;/segments/...</c>. Default none.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>TempURL key (<c>secretkey</c>), set on the account or container at start. Default none: no redirects.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>HP Cloud access key (<c>accesskey</c>), sent in the TempURL signature as <c>tenant:accesskey:signature</c>. Default none.</summary>
    public string AccessKey { get; set; } = "";

    /// <summary>
    /// Whether the TempURL key is the container's rather than the account's (<c>tempurlcontainerkey</c>). Used, as in
    /// distribution, only when the server's <c>/info</c> is unavailable; otherwise Swift 2.3.0 and later use the container key.
    /// </summary>
    public bool TempUrlContainerKey { get; set; }

    /// <summary>Methods the TempURL middleware allows (<c>tempurlmethods</c>), used only when <c>/info</c> is unavailable. Default none.</summary>
    public IReadOnlyList<string> TempUrlMethods { get; set; } = [];

    /// <summary>Retries of an idempotent request after a 5xx, a 429 or a connection error. Default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Delay before the first retry, doubled for each next one. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Lifetime of a TempURL. Default 20 minutes, as distribution.</summary>
    public TimeSpan RedirectLifetime { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Throws <see cref="ArgumentException"/> naming the <c>storage.swift</c> key of the first invalid setting.</summary>
    public void Validate()
    {
        Require(AuthUrl, "authurl", "the URL of the identity service");
        Require(Username, "username", "the OpenStack user name");
        Require(Password, "password", "the OpenStack password");
        Require(Container, "container", "the container that stores the registry's objects");
        if (!Uri.TryCreate(AuthUrl, UriKind.Absolute, out var authUri) || authUri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"storage.swift.authurl '{AuthUrl}' is not an absolute http or https URL.");
        }

        if (Container.Contains('/'))
        {
            throw new ArgumentException($"storage.swift.container '{Container}' is invalid: a container name cannot contain '/'.");
        }

        if (ChunkSize < MinChunkSize)
        {
            throw new ArgumentException($"storage.swift.chunksize {ChunkSize} is too small: set it to at least {MinChunkSize} bytes.");
        }

        if (ChunkSize > Array.MaxLength)
        {
            throw new ArgumentException($"storage.swift.chunksize {ChunkSize} is too large: set it to at most {Array.MaxLength} bytes.");
        }

        if (AuthVersion is not (0 or 1 or 2 or 3))
        {
            throw new ArgumentException($"storage.swift.authversion {AuthVersion} is invalid: use 1, 2 or 3, or leave it unset.");
        }

        if (EndpointType is not ("" or "public" or "internal" or "admin"))
        {
            throw new ArgumentException($"storage.swift.endpointtype '{EndpointType}' is invalid: use public, internal or admin.");
        }

        if (MaxRetries < 0)
        {
            throw new ArgumentException($"Swift MaxRetries {MaxRetries} is negative.");
        }
    }

    private static void Require(string value, string key, string description)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"storage.swift.{key} is missing: set it to {description}.");
        }
    }
}
