using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

// Keys as distribution v2.8's swift storage-driver page lists them; v3.0 removed the driver.

/// <summary>The <c>storage.swift</c> section: OpenStack Swift.</summary>
public sealed class SwiftStorageSection
{
    /// <summary><c>authurl</c>: the URL that issues auth tokens (v1.0, v2.0 or v3 identity API).</summary>
    [ConfigKey("authurl")]
    public string AuthUrl { get; set; } = "";

    /// <summary><c>username</c>: the OpenStack user.</summary>
    [ConfigKey("username")]
    public string Username { get; set; } = "";

    /// <summary><c>password</c>: the OpenStack password.</summary>
    [ConfigKey("password")]
    [Secret]
    public string Password { get; set; } = "";

    /// <summary><c>region</c>: the OpenStack region of the container.</summary>
    [ConfigKey("region")]
    public string Region { get; set; } = "";

    /// <summary><c>container</c>: the container that stores the registry's data. The driver creates it.</summary>
    [ConfigKey("container")]
    public string Container { get; set; } = "";

    /// <summary><c>tenant</c>: the tenant name (or use <c>tenantid</c>).</summary>
    [ConfigKey("tenant")]
    public string Tenant { get; set; } = "";

    /// <summary><c>tenantid</c>: the tenant ID (or use <c>tenant</c>).</summary>
    [ConfigKey("tenantid")]
    public string TenantId { get; set; } = "";

    /// <summary><c>domain</c>: the identity v3 domain name (or use <c>domainid</c>).</summary>
    [ConfigKey("domain")]
    public string Domain { get; set; } = "";

    /// <summary><c>domainid</c>: the identity v3 domain ID (or use <c>domain</c>).</summary>
    [ConfigKey("domainid")]
    public string DomainId { get; set; } = "";

    /// <summary><c>tenantdomain</c>: the identity v3 domain name of the project. Default the user's domain.</summary>
    [ConfigKey("tenantdomain")]
    public string TenantDomain { get; set; } = "";

    /// <summary><c>tenantdomainid</c>: the identity v3 domain ID of the project. Default the user's domain.</summary>
    [ConfigKey("tenantdomainid")]
    public string TenantDomainId { get; set; } = "";

    /// <summary><c>trustid</c>: the identity v3 trust ID.</summary>
    [ConfigKey("trustid")]
    public string TrustId { get; set; } = "";

    /// <summary><c>insecureskipverify</c>: whether the service's TLS certificate is not verified. Default false.</summary>
    [ConfigKey("insecureskipverify")]
    public bool InsecureSkipVerify { get; set; }

    /// <summary>
    /// <c>chunksize</c>: the segment size of large objects, in bytes, at least 1 MiB. Default 20 MiB, the default of
    /// distribution v2.8's code (its documentation page says 5M).
    /// </summary>
    [ConfigKey("chunksize")]
    public long ChunkSize { get; set; }

    /// <summary><c>prefix</c>: a prefix applied to every object name.</summary>
    [ConfigKey("prefix")]
    public string Prefix { get; set; } = "";

    /// <summary><c>rootdirectory</c>: a prefix applied to every object name, as in the other drivers. Set it or <c>prefix</c>, not both.</summary>
    [ConfigKey("rootdirectory")]
    public string RootDirectory { get; set; } = "";

    /// <summary><c>secretkey</c>: the key that signs temporary URLs.</summary>
    [ConfigKey("secretkey")]
    [Secret]
    public string SecretKey { get; set; } = "";

    /// <summary><c>accesskey</c>: the access key of temporary URLs (HP Cloud).</summary>
    [ConfigKey("accesskey")]
    public string AccessKey { get; set; } = "";

    /// <summary><c>authversion</c>: the identity API version, such as 3. Default detected from <c>authurl</c>.</summary>
    [ConfigKey("authversion")]
    public int AuthVersion { get; set; }

    /// <summary><c>endpointtype</c>: public, internal or admin. Default public.</summary>
    [ConfigKey("endpointtype")]
    public string EndpointType { get; set; } = "";

    /// <summary><c>tempurlcontainerkey</c>: whether temporary URLs use the container's key rather than the account's.</summary>
    [ConfigKey("tempurlcontainerkey")]
    public bool TempUrlContainerKey { get; set; }

    /// <summary><c>tempurlmethods</c>: the HTTP methods the server's temporary URLs allow.</summary>
    [ConfigKey("tempurlmethods")]
    public List<string> TempUrlMethods { get; set; } = [];
}
