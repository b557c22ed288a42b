using Registry.Silo.Configuration;

namespace Registry.UnitTests.Configuration;

/// <summary>Broken files, each with the one message it must stop start-up with: the file, the line and the key.</summary>
public sealed class BrokenConfigurationTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    public static TheoryData<string, string> BrokenFiles => new()
    {
        // Wrong types and invalid values.
        { "version: 0.1\nstorage:\n  delete:\n    enabled: maybe\n", "config.yml:4: storage.delete.enabled is 'maybe', but must be true or false" },
        { "version: 0.1\nhttp:\n  addr: nowhere\n", "config.yml:3: http.addr is 'nowhere', but must be host:port or :port" },
        { "version: 0.1\nhttp:\n  addr: 'bad host:5000'\n", "config.yml:3: http.addr is 'bad host:5000', but must be host:port or :port" },
        { "version: 0.1\nhttp:\n  addr: :99999\n", "config.yml:3: http.addr is ':99999', but must be host:port or :port" },
        { "version: 0.1\nhttp:\n  tls:\n    minimumtls: tls2\n", "config.yml:4: http.tls.minimumtls is 'tls2', but must be one of tls1.0, tls1.1, tls1.2, tls1.3" },
        {
            "version: 0.1\nhttp:\n  tls:\n    clientauth: never\n",
            "config.yml:4: http.tls.clientauth is 'never', but must be one of request-client-cert, require-any-client-cert, verify-client-cert-if-given, require-and-verify-client-cert"
        },
        {
            "version: 0.1\nstorage:\n  maintenance:\n    uploadpurging:\n      age: tomorrow\n",
            "config.yml:5: storage.maintenance.uploadpurging.age is 'tomorrow', but must be a duration such as 500ms, 10s, 1h30m or 24h"
        },
        {
            "version: 0.1\nstorage:\n  maintenance:\n    uploadpurging:\n      age: -1h\n",
            "config.yml:5: storage.maintenance.uploadpurging.age is '-1h', but must be a positive duration such as 168h while upload purging is enabled"
        },
        {
            "version: 0.1\nstorage:\n  maintenance:\n    uploadpurging:\n      interval: 0s\n",
            "config.yml:5: storage.maintenance.uploadpurging.interval is '0s', but must be a positive duration such as 24h while upload purging is enabled"
        },
        { "version: 0.1\nlog:\n  level: loud\n", "config.yml:3: log.level is 'loud', but must be one of error, warn, info, debug" },
        { "version: 0.1\nlog:\n  formatter: xml\n", "config.yml:3: log.formatter is 'xml', but must be one of text, json, logstash" },
        { "version: 0.1\nloglevel: chatty\n", "config.yml:2: loglevel is 'chatty', but must be one of error, warn, info, debug" },
        { "version: 0.2\n", "config.yml:1: version is '0.2', but must be 0.1, the only configuration version" },
        { "version: 0.1\nhttp:\n  debug:\n    addr: localhost\n", "config.yml:4: http.debug.addr is 'localhost', but must be host:port or :port" },
        { "version: 0.1\nhttp:\n  debug:\n    prometheus:\n      path: metrics\n", "config.yml:5: http.debug.prometheus.path is 'metrics', but must be a path that starts with /, such as /metrics" },
        { "version: 0.1\nhttp:\n  host: registry.example.test\n", "config.yml:3: http.host is 'registry.example.test', but must be an absolute http or https URL, such as https://registry.example.com:5000" },
        { "version: 0.1\nhttp:\n  prefix: registry/\n", "config.yml:3: http.prefix is 'registry/', but must be a path that starts with /, such as /registry/" },
        { "version: 0.1\nhttp:\n  draintimeout: -5s\n", "config.yml:3: http.draintimeout is '-5s', but must not be negative" },
        { "version: 0.1\nhttp:\n  net: udp\n", "config.yml:3: http.net is 'udp', but must be one of tcp, unix" },
        { "version: 0.1\nhttp:\n  headers: nosniff\n", "config.yml:3: http.headers is text, but must be a mapping of names to values" },
        { "version: 0.1\nhttp:\n  headers:\n    X-Bad Name: [a]\n", "config.yml:4: http.headers.X-Bad Name must be named by an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)" },
        { "version: 0.1\nhttp:\n  tls:\n    clientcas: /ca.pem\n", "config.yml:4: http.tls.clientcas is text, but must be a list such as [a, b] or lines starting with '- '" },
        { "version: 0.1\nhttp:\n  tls:\n    ciphersuites: [TLS_NOT_A_SUITE]\n", "config.yml:4: http.tls.ciphersuites[0] is 'TLS_NOT_A_SUITE', but must be a cipher suite name such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
        { "version: 0.1\nhttp:\n  tls: [a]\n", "config.yml:3: http.tls is a list, but must be a mapping of keys" },
        { "version: 0.1\nhttp:\n  relativeurls:\n    a: b\n", "config.yml:3: http.relativeurls is a mapping, but must be true or false" },
        { "version: 0.1\nstorage:\n  filesystem:\n    maxthreads: many\n", "config.yml:4: storage.filesystem.maxthreads is 'many', but must be a whole number" },
        { "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ''\n", "config.yml:4: storage.filesystem.rootdirectory is '', but must be the path of a directory" },
        { "version: 0.1\nstorage:\n  cache:\n    blobdescriptor: memcached\n", "config.yml:4: storage.cache.blobdescriptor is 'memcached', but must be one of inmemory, redis" },
        { "version: 0.1\nstorage:\n  cache:\n    blobdescriptorsize: -1\n", "config.yml:4: storage.cache.blobdescriptorsize is '-1', but must be 0 (no limit) or a positive number of descriptors" },
        { "version: 0.1\ncluster:\n  siloport: 70000\n", "config.yml:3: cluster.siloport is '70000', but must be a port number from 0 to 65535" },

        // Storage drivers.
        { "version: 0.1\nstorage:\n  inmemory:\n  filesystem:\n    rootdirectory: /x\n", "config.yml:4: storage names 2 drivers (filesystem, inmemory), but must name exactly one" },
        { "version: 0.1\nstorage:\n  oss:\n    bucket: b\n", "config.yml:3: storage driver 'oss' is not supported by this registry; use filesystem, inmemory, s3, azure, gcs or swift" },
        { "version: 0.1\nstorage: oss\n", "config.yml:2: storage driver 'oss' is not supported by this registry; use filesystem, inmemory, s3, azure, gcs or swift" },
        { "version: 0.1\nstorage:\n  ramdisk:\n    size: 1\n", "config.yml:3: storage.ramdisk is not a known storage driver; use filesystem, inmemory, s3, azure, gcs or swift" },
        { "version: 0.1\nstorage:\n  - filesystem\n", "config.yml:3: storage is a list, but must be a mapping of keys" },

        // Authentication.
        { "version: 0.1\nauth:\n  htpasswd:\n    realm: r\n", "config.yml:3: auth.htpasswd.path is missing; htpasswd authentication needs realm and path" },
        { "version: 0.1\nauth:\n  htpasswd:\n    realm: r\n    path: ''\n", "config.yml:5: auth.htpasswd.path is '', but must not be empty" },
        { "version: 0.1\nauth:\n  silly:\n    realm: r\n", "config.yml:3: auth.silly.service is missing; silly authentication needs realm and service" },
        {
            "version: 0.1\nauth:\n  token:\n    realm: https://auth/token\n    service: registry\n    issuer: auth\n",
            "config.yml:3: auth.token.rootcertbundle is missing; token authentication needs realm, service, issuer, and rootcertbundle or jwks"
        },
        {
            "version: 0.1\nauth:\n  token:\n    realm: https://auth/token\n    service: registry\n    rootcertbundle: /ca.pem\n",
            "config.yml:3: auth.token.issuer is missing; token authentication needs realm, service, issuer, and rootcertbundle or jwks"
        },
        {
            "version: 0.1\nauth:\n  token:\n    realm: r\n    service: s\n    issuer: i\n    jwks: /keys.json\n    signingalgorithms: [none]\n",
            "config.yml:8: auth.token.signingalgorithms[0] is 'none', but must be one of EdDSA, HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512, PS256, PS384, PS512"
        },
        { "version: 0.1\nauth:\n  htpasswd:\n    realm: r\n    path: /p\n  silly:\n    realm: a\n    service: b\n", "config.yml:6: auth names 2 access controllers (silly, htpasswd), but may name only one" },
        { "version: 0.1\nauth:\n  ldap:\n    server: ldap.example.test\n", "config.yml:3: auth.ldap is not a known access controller; use silly, htpasswd, token or none" },

        // TLS pairs.
        { "version: 0.1\nhttp:\n  tls:\n    certificate: /server.crt\n", "config.yml:3: http.tls.key is missing; TLS needs both certificate and key" },
        { "version: 0.1\nhttp:\n  tls:\n    key: /server.key\n", "config.yml:3: http.tls.certificate is missing; TLS needs both certificate and key" },
        { "version: 0.1\nhttp:\n  tls:\n    letsencrypt:\n      cachefile: /cache\n", "config.yml:4: http.tls.letsencrypt.email is missing; Let's Encrypt needs cachefile and email" },
        { "version: 0.1\nredis:\n  tls:\n    certificate: /c\n", "config.yml:3: redis.tls.key is missing; Redis TLS needs both certificate and key" },

        // Sections that a later version implements still validate.
        { "version: 0.1\nnotifications:\n  endpoints:\n    - name: audit\n", "config.yml:4: notifications.endpoints[0].url is missing; a notification endpoint needs name and url" },
        { "version: 0.1\nnotifications:\n  endpoints:\n    - name: audit\n      url: ftp://x/\n", "config.yml:5: notifications.endpoints[0].url is 'ftp://x/', but must be an absolute http or https URL" },
        {
            "version: 0.1\nnotifications:\n  endpoints:\n    - name: audit\n      url: http://x/\n      threshold: ten\n",
            "config.yml:6: notifications.endpoints[0].threshold is 'ten', but must be a whole number"
        },
        {
            "version: 0.1\nnotifications:\n  endpoints:\n    - name: audit\n      url: http://x/\n      ignore:\n        actions: [fetch]\n",
            "config.yml:7: notifications.endpoints[0].ignore.actions[0] is 'fetch', but must be one of pull, push, mount, delete"
        },
        { "version: 0.1\nproxy:\n  username: mirror\n", "config.yml:2: proxy.remoteurl is missing; a pull-through cache needs the URL of the remote registry" },
        { "version: 0.1\nproxy:\n  remoteurl: https://hub\n  ttl: soon\n", "config.yml:4: proxy.ttl is 'soon', but must be a duration such as 500ms, 10s, 1h30m or 24h" },
        { "version: 0.1\nproxy:\n  remoteurl: https://hub\n  exec:\n    lifetime: 1h\n", "config.yml:4: proxy.exec.command is missing; a credential helper needs the command to run" },
        { "version: 0.1\nredis:\n  addr: nowhere\n", "config.yml:3: redis.addr is 'nowhere', but must be host:port" },
        { "version: 0.1\nredis:\n  addrs: [localhost:6379, nowhere]\n", "config.yml:3: redis.addrs[1] is 'nowhere', but must be host:port" },
        { "version: 0.1\nhealth:\n  tcp:\n    - addr: redis\n", "config.yml:4: health.tcp[0].addr is 'redis', but must be host:port" },
        { "version: 0.1\nhealth:\n  storagedriver:\n    interval: 0s\n", "config.yml:4: health.storagedriver.interval is '0s', but must be a positive duration such as 10s" },
        { "version: 0.1\nhealth:\n  http:\n    - uri: http://x/\n      statuscode: 42\n", "config.yml:5: health.http[0].statuscode is '42', but must be an HTTP status code from 100 to 599" },
        { "version: 0.1\nhealth:\n  file:\n    - interval: 10s\n", "config.yml:4: health.file[0].file is missing; a file health check needs the path to watch" },
        { "version: 0.1\nmiddleware:\n  storage:\n    - options:\n        baseurl: https://x/\n", "config.yml:4: middleware.storage[0].name is missing; a middleware entry needs the name of the middleware" },
        { "version: 0.1\nmiddleware:\n  storage:\n    - name: redirect\n    - name: akamai\n", "config.yml:5: middleware.storage[1].name is 'akamai', but no storage middleware has that name; use redirect or cloudfront" },
        {
            "version: 0.1\nvalidation:\n  manifests:\n    urls:\n      allow:\n        - '^https://(unclosed'\n",
            "config.yml:6: validation.manifests.urls.allow[0] is '^https://(unclosed', but must be a regular expression ("
        },
        { "version: 0.1\nvalidation:\n  manifests:\n    indexes:\n      platforms: some\n", "config.yml:5: validation.manifests.indexes.platforms is 'some', but must be one of all, none, list" },
        {
            "version: 0.1\nvalidation:\n  manifests:\n    indexes:\n      platforms: list\n      platformlist:\n        - architecture: arm64\n",
            "config.yml:7: validation.manifests.indexes.platformlist[0].os is missing; a platform needs architecture and os"
        },

        // Documents that are not configurations.
        { "- a\n- b\n", "config.yml:1: the configuration is a list, but must be a mapping of keys" },
        { "just text\n", "config.yml:1: the configuration is text, but must be a mapping of keys" },
        { "", "config.yml: version is missing; a configuration file starts with 'version: 0.1'" },
        { "# only a comment\n", "config.yml: version is missing; a configuration file starts with 'version: 0.1'" },
        { "storage:\n  inmemory:\n", "config.yml: version is missing; a configuration file starts with 'version: 0.1'" },
        { "version: 0.1\nlog: [unclosed\n", "config.yml:3: invalid YAML: " },
        { "version: 0.1\nlog: *nowhere\n", "config.yml:2: invalid YAML: " },
        { "version: 0.1\n? [a, b]\n: c\n", "config.yml:2: invalid YAML: a mapping key must be plain text, not a list or a mapping" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Load_BrokenFile_NamesFileLineAndKey(string yaml, string expected)
    {
        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(yaml, "config.yml", NoEnvironment));
        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_BrokenFile_NamesPathAndLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"registry-config-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, "version: 0.1\nstorage:\n  delete:\n    enabled: maybe\n");
        try
        {
            var exception = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadFile(path, NoEnvironment));
            Assert.Equal($"{path}:4: storage.delete.enabled is 'maybe', but must be true or false", exception.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadFile_MissingFile_NamesPathTried()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.yml");
        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.LoadFile(path, NoEnvironment));
        Assert.Equal($"configuration file {path} does not exist", exception.Message);
    }
}
