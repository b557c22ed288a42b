namespace Registry.Silo.Configuration.Binding;

/// <summary>
/// Lists the configured features that this version parses and validates but does not implement, so
/// start-up reports them instead of ignoring them silently. A storage driver that is not implemented is
/// not listed here: it stops start-up (see <see cref="StorageSection"/>).
/// </summary>
/// <remarks>When a feature is implemented, remove its line here.</remarks>
internal static class UnsupportedFeatures
{
    public static List<ConfigurationMessage> Collect(RegistryConfiguration configuration, SourceMap sources)
    {
        var notices = new List<ConfigurationMessage>();
        void Add(object section, string key, string text) =>
            notices.Add(new ConfigurationMessage(sources.OriginOf(section, key).ToString(), text));

        if (configuration.Notifications.Endpoints.Any(endpoint => !endpoint.Disabled))
        {
            Add(configuration.Notifications, "endpoints", "notifications.endpoints is not supported yet and is ignored; no events are sent");
        }

        if (configuration.Redis.Configured)
        {
            Add(configuration, "redis", "redis is not supported yet and is ignored");
        }

        if (configuration.Storage.Cache.BlobDescriptor == BlobDescriptorCacheKind.Redis)
        {
            Add(configuration.Storage.Cache, "blobdescriptor", "storage.cache.blobdescriptor redis is not supported yet and is ignored; no blob descriptor cache is used");
        }

        var middleware = configuration.Middleware;
        foreach (var (key, entries) in new[] { ("registry", middleware.Registry), ("repository", middleware.Repository) })
        {
            if (entries.Any(entry => !entry.Disabled))
            {
                Add(middleware, key, $"middleware.{key} is not supported yet and is ignored");
            }
        }

        if (configuration.Proxy.Configured)
        {
            Add(configuration.Proxy, "remoteurl", "proxy (pull-through cache) is not supported yet and is ignored; the registry serves only content pushed to it");
        }

        var manifests = configuration.Validation.Manifests;
        if (manifests.Urls.Allow.Count > 0 || manifests.Urls.Deny.Count > 0 || manifests.Indexes.Platforms != IndexPlatformValidation.All)
        {
            Add(configuration.Validation, "manifests", "validation.manifests is not supported yet and is ignored");
        }

        if (configuration.Compatibility.Schema1.Enabled)
        {
            Add(configuration.Compatibility.Schema1, "enabled", "compatibility.schema1 is not supported and is ignored; schema 1 manifests are rejected");
        }

        var http = configuration.Http;
        if (http.Tls.LetsEncrypt.Enabled && !http.Tls.Enabled)
        {
            Add(http.Tls, "letsencrypt", "http.tls.letsencrypt is not supported yet and is ignored; set http.tls.certificate and http.tls.key for TLS");
        }

        if (configuration.Log.Fields.Count > 0)
        {
            Add(configuration.Log, "fields", "log.fields is not supported yet and is ignored");
        }

        if (http.H2c.Enabled)
        {
            Add(http.H2c, "enabled", "http.h2c is not supported yet and is ignored; HTTP/2 is offered over TLS only");
        }

        if (configuration.Log.Hooks.Any(hook => !hook.Disabled))
        {
            Add(configuration.Log, "hooks", "log.hooks is not supported and is ignored");
        }

        var reporting = configuration.Reporting;
        if (reporting.Bugsnag.ApiKey.Length > 0 || reporting.NewRelic.LicenseKey.Length > 0)
        {
            Add(configuration, "reporting", "reporting is not supported and is ignored");
        }

        if (configuration.Policy.Repository.Classes.Count > 0)
        {
            Add(configuration.Policy.Repository, "classes", "policy.repository.classes is not supported and is ignored");
        }

        var health = configuration.Health;
        foreach (var (key, count) in new[] { ("file", health.Files.Count), ("http", health.Http.Count), ("tcp", health.Tcp.Count) })
        {
            if (count > 0)
            {
                Add(health, key, $"health.{key} is not supported yet and is ignored");
            }
        }

        return notices;
    }
}
