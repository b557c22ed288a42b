namespace Registry.Gateway;

/// <summary>Settings of the HTTP gateway.</summary>
public sealed class GatewayOptions
{
    /// <summary>Whether blobs and manifests may be deleted (<c>storage.delete.enabled</c>); default false, as distribution.</summary>
    public bool DeleteEnabled { get; set; }

    /// <summary>Largest manifest accepted, in bytes; default 4 MiB, distribution's limit.</summary>
    public int MaxManifestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most entries in one tags or catalog page; a larger <c>n</c> is cut to this. Default 1000.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Entries in a catalog page when the request gives no <c>n</c>; default 100, as distribution.</summary>
    public int DefaultCatalogPageSize { get; set; } = 100;

    /// <summary>
    /// Whether blob downloads are always streamed by the registry (<c>storage.redirect.disable</c>);
    /// default false, so a <c>GET</c> or <c>HEAD</c> of a blob returns <c>307</c> whenever the storage
    /// driver returns a redirect URL.
    /// </summary>
    public bool RedirectDisabled { get; set; }

    /// <summary>Size of the pooled buffers that blob bytes are copied through, in bytes; default 256 KiB.</summary>
    public int CopyBufferBytes { get; set; } = 256 * 1024;
}
