using Registry.Silo.Configuration.Binding;

namespace Registry.Silo.Configuration;

/// <summary>The <c>catalog</c> section: the <c>/v2/_catalog</c> endpoint.</summary>
public sealed class CatalogSection : IValidatedSection
{
    /// <summary>The page size limit distribution uses when <c>maxentries</c> is 0 or negative.</summary>
    public const int DefaultMaxEntries = 1000;

    /// <summary><c>catalog.maxentries</c>: the maximum number of repositories one catalog page returns. Default 1000, also for 0 or less.</summary>
    [ConfigKey("maxentries")]
    public int MaxEntries { get; set; } = DefaultMaxEntries;

    void IValidatedSection.Validate(ValidationContext context)
    {
        if (MaxEntries <= 0)
        {
            MaxEntries = DefaultMaxEntries;
        }
    }
}

/// <summary>The <c>cluster</c> section, which this registry adds to distribution's schema: how its silos run.</summary>
public sealed class ClusterSection : IValidatedSection
{
    /// <summary>
    /// <c>cluster.siloport</c>: the TCP port of the Orleans silo on 127.0.0.1. Default 0, which picks
    /// a free one and suits a single process.
    /// </summary>
    [ConfigKey("siloport")]
    public int SiloPort { get; set; }

    void IValidatedSection.Validate(ValidationContext context)
    {
        if (SiloPort is < 0 or > 65535)
        {
            throw context.Invalid(this, "siloport", "must be a port number from 0 to 65535");
        }
    }
}
