namespace Registry.UnitTests.Configuration.Examples;

/// <summary>
/// Configurations that reproduce, key for key, the examples in distribution's configuration
/// reference (docs/configuration.md for v2.8, docs/content/about/configuration.md for v3.0) and
/// storage driver pages, with values of our own. The reference's full listing names every driver and
/// every access controller at once, which no registry accepts, so it is split here into one
/// configuration per driver and per controller. Placeholders that are not YAML values in the
/// reference (<c>headers: &lt;http.Header&gt;</c>, <c>username: [username]</c>) are written as real values.
/// </summary>
public static class DocumentedExamples
{
    /// <summary>v3.0's full listing with the filesystem driver and token authentication.</summary>
    public const string FullListingV3 = """
        version: 0.1
        log:
          accesslog:
            disabled: true
          level: debug
          formatter: text
          fields:
            service: registry
            environment: staging
          hooks:
            - type: mail
              disabled: true
              levels:
                - panic
              options:
                smtp:
                  addr: smtp.example.test:25
                  username: alerts
                  password: hunter2
                  insecure: true
                from: registry@example.test
                to:
                  - oncall@example.test
        loglevel: debug
        storage:
          filesystem:
            rootdirectory: /srv/registry
            maxthreads: 100
          tag:
            concurrencylimit: 8
          delete:
            enabled: false
          redirect:
            disable: false
          cache:
            blobdescriptor: redis
            blobdescriptorsize: 10000
          maintenance:
            uploadpurging:
              enabled: true
              age: 168h
              interval: 24h
              dryrun: false
            readonly:
              enabled: false
        auth:
          token:
            autoredirect: true
            realm: https://auth.example.test/token
            service: registry.example.test
            issuer: auth.example.test
            rootcertbundle: /etc/registry/token-ca.pem
            jwks: /etc/registry/token-keys.json
            signingalgorithms:
                - EdDSA
                - HS256
        middleware:
          registry:
            - name: SomeRegistryMiddleware
              options:
                answer: 42
          repository:
            - name: SomeRepositoryMiddleware
              options:
                answer: 42
          storage:
            - name: cloudfront
              options:
                baseurl: https://cdn.example.test/
                privatekey: /etc/registry/cloudfront.pem
                keypairid: EXAMPLEKEYPAIR
                duration: 3000s
                ipfilteredby: awsregion
                awsregion: us-east-1, us-east-2
                updatefrequency: 12h
                iprangesurl: https://ip-ranges.amazonaws.com/ip-ranges.json
          storage:
            - name: redirect
              options:
                baseurl: https://blobs.example.test/
        http:
          addr: localhost:5000
          prefix: /nested/registry/
          host: https://registry.example.test:5000
          secret: a-local-development-secret
          relativeurls: false
          draintimeout: 60s
          tls:
            certificate: /etc/registry/server.crt
            key: /etc/registry/server.key
            clientcas:
              - /etc/registry/client-ca.pem
              - /etc/registry/other-client-ca.pem
            clientauth: require-and-verify-client-cert
            letsencrypt:
              cachefile: /var/cache/registry/acme
              email: admin@example.test
              hosts: [registry.example.test]
              directoryurl: https://acme.example.test/directory
          debug:
            addr: localhost:5001
            prometheus:
              enabled: true
              path: /metrics
          headers:
            X-Content-Type-Options: [nosniff]
          http2:
            disabled: false
          h2c:
            enabled: false
        notifications:
          events:
            includereferences: true
          endpoints:
            - name: audit
              disabled: false
              url: https://hooks.example.test/registry
              headers:
                Authorization: [Bearer not-a-real-token]
              timeout: 1s
              threshold: 10
              backoff: 1s
              ignoredmediatypes:
                - application/octet-stream
              ignore:
                mediatypes:
                   - application/octet-stream
                actions:
                   - pull
        redis:
          tls:
            certificate: /etc/registry/redis.crt
            key: /etc/registry/redis.key
            clientcas:
              - /etc/registry/redis-ca.pem
          addrs: [localhost:6379]
          password: redis-secret
          db: 0
          dialtimeout: 10ms
          readtimeout: 10ms
          writetimeout: 10ms
          maxidleconns: 16
          poolsize: 64
          connmaxidletime: 300s
          tls:
            enabled: false
        health:
          storagedriver:
            enabled: true
            interval: 10s
            threshold: 3
          file:
            - file: /srv/registry/out-of-rotation
              interval: 10s
          http:
            - uri: http://upstream.example.test/healthz
              headers:
                Authorization: [Basic dXNlcjpwYXNz]
              statuscode: 200
              timeout: 3s
              interval: 10s
              threshold: 3
          tcp:
            - addr: redis.example.test:6379
              timeout: 3s
              interval: 10s
              threshold: 3
        proxy:
          remoteurl: https://registry-1.docker.io
          username: mirror-user
          password: mirror-password
          exec:
            command: docker-credential-example
            lifetime: 1h
          ttl: 168h
          remotenamespace: library
        validation:
          manifests:
            urls:
              allow:
                - ^https?://([^/]+\.)*example\.test/
              deny:
                - ^https?://www\.example\.test/
            indexes:
              platforms: List
              platformlist:
              - architecture: amd64
                os: linux
        """;

    /// <summary>v2.8's full listing with the filesystem driver and htpasswd authentication (its Redis pool, compatibility and reporting differ from v3.0).</summary>
    public const string FullListingV28 = """
        version: 0.1
        log:
          accesslog:
            disabled: true
          level: debug
          formatter: text
          fields:
            service: registry
            environment: staging
        loglevel: debug
        storage:
          filesystem:
            rootdirectory: /srv/registry
            maxthreads: 100
          delete:
            enabled: false
          redirect:
            disable: false
          cache:
            blobdescriptor: redis
            blobdescriptorsize: 10000
          maintenance:
            uploadpurging:
              enabled: true
              age: 168h
              interval: 24h
              dryrun: false
            readonly:
              enabled: false
        auth:
          htpasswd:
            realm: basic-realm
            path: /etc/registry/htpasswd
        middleware:
          registry:
            - name: SomeRegistryMiddleware
              options:
                answer: 42
          repository:
            - name: SomeRepositoryMiddleware
              options:
                answer: 42
          storage:
            - name: redirect
              options:
                baseurl: https://blobs.example.test/
        reporting:
          bugsnag:
            apikey: not-a-real-bugsnag-key
            releasestage: staging
            endpoint: https://bugsnag.example.test
          newrelic:
            licensekey: not-a-real-newrelic-key
            name: registry
            verbose: true
        http:
          addr: localhost:5000
          net: tcp
          prefix: /nested/registry/
          host: https://registry.example.test:5000
          secret: a-local-development-secret
          relativeurls: false
          draintimeout: 60s
          tls:
            certificate: /etc/registry/server.crt
            key: /etc/registry/server.key
            clientcas:
              - /etc/registry/client-ca.pem
            minimumtls: tls1.2
            ciphersuites:
              - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
              - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
            letsencrypt:
              cachefile: /var/cache/registry/acme
              email: admin@example.test
              hosts: [registry.example.test]
              directoryurl: https://acme.example.test/directory
          debug:
            addr: localhost:5001
            prometheus:
              enabled: true
              path: /metrics
          headers:
            X-Content-Type-Options: [nosniff]
          http2:
            disabled: false
        notifications:
          events:
            includereferences: true
          endpoints:
            - name: audit
              disabled: false
              url: https://hooks.example.test/registry
              headers:
                X-Source: [registry]
              timeout: 1s
              threshold: 10
              backoff: 1s
              ignoredmediatypes:
                - application/octet-stream
              ignore:
                mediatypes:
                   - application/octet-stream
                actions:
                   - pull
        redis:
          addr: localhost:6379
          password: redis-secret
          db: 0
          dialtimeout: 10ms
          readtimeout: 10ms
          writetimeout: 10ms
          pool:
            maxidle: 16
            maxactive: 64
            idletimeout: 300s
          tls:
            enabled: false
        health:
          storagedriver:
            enabled: true
            interval: 10s
            threshold: 3
        proxy:
          remoteurl: https://registry-1.docker.io
          username: mirror-user
          password: mirror-password
          ttl: 168h
        compatibility:
          schema1:
            signingkeyfile: /etc/registry/schema1-key.json
            enabled: true
        validation:
          manifests:
            urls:
              allow:
                - ^https?://([^/]+\.)*example\.test/
              deny:
                - ^https?://www\.example\.test/
        """;

    /// <summary>The "Development configuration" example of both versions.</summary>
    public const string Development = """
        version: 0.1
        log:
          level: debug
        storage:
            filesystem:
                rootdirectory: /srv/registry-dev
        http:
            addr: localhost:5000
            secret: a-local-development-secret
            debug:
                addr: localhost:5001
        """;

    /// <summary>The "Middleware configuration" example (cloudfront in front of S3), with the filesystem driver so that it loads.</summary>
    public const string CloudFrontMiddleware = """
        version: 0.1
        storage:
          filesystem:
            rootdirectory: /srv/registry
        middleware:
          storage:
          - name: cloudfront
            disabled: false
            options:
              baseurl: http://d0example.cloudfront.test
              privatekey: /etc/registry/cloudfront.pem
              keypairid: EXAMPLEKEYPAIR
              duration: 60s
        """;

    /// <summary>The <c>log</c> section example with the deprecated <c>loglevel</c> and a <c>hooks</c> entry.</summary>
    public const string LogSection = """
        version: 0.1
        log:
          accesslog:
            disabled: true
          level: debug
          formatter: json
          fields:
            service: registry
            environment: staging
          hooks:
            - type: mail
              levels:
                - panic
              options:
                smtp:
                  addr: smtp.example.test:25
                  username: alerts
                  password: hunter2
                  insecure: true
                from: registry@example.test
                to:
                  - oncall@example.test
        loglevel: warn
        storage:
          inmemory:
        """;

    /// <summary>The <c>storage</c> section's driver-independent keys with the inmemory driver.</summary>
    public const string StorageSection = """
        version: 0.1
        storage:
          inmemory:
          delete:
            enabled: false
          cache:
            blobdescriptor: inmemory
            blobdescriptorsize: 10000
          maintenance:
            uploadpurging:
              enabled: true
              age: 168h
              interval: 24h
              dryrun: false
            readonly:
              enabled: false
          redirect:
            disable: false
          tag:
            concurrencylimit: 8
        """;

    /// <summary>The <c>auth.silly</c> part of the <c>auth</c> example.</summary>
    public const string AuthSilly = """
        version: 0.1
        storage:
          inmemory:
        auth:
          silly:
            realm: silly-realm
            service: silly-service
        """;

    /// <summary>The <c>auth.htpasswd</c> part of the <c>auth</c> example.</summary>
    public const string AuthHtpasswd = """
        version: 0.1
        storage:
          inmemory:
        auth:
          htpasswd:
            realm: basic-realm
            path: /etc/registry/htpasswd
        """;

    /// <summary>The <c>auth.token</c> part of v3.0's <c>auth</c> example, including <c>autoredirectpath</c>.</summary>
    public const string AuthToken = """
        version: 0.1
        storage:
          inmemory:
        auth:
          token:
            realm: https://auth.example.test/token
            service: registry.example.test
            issuer: auth.example.test
            rootcertbundle: /etc/registry/token-ca.pem
            jwks: /etc/registry/token-keys.json
            autoredirect: true
            autoredirectpath: /auth/token/
            signingalgorithms:
                - EdDSA
                - HS256
                - ES512
        """;

    /// <summary>v3.0's <c>http</c> section example with <c>net</c>, <c>minimumtls</c> and <c>ciphersuites</c>.</summary>
    public const string HttpSection = """
        version: 0.1
        storage:
          inmemory:
        http:
          addr: localhost:5000
          net: tcp
          prefix: /nested/registry/
          host: https://registry.example.test:5000
          secret: a-local-development-secret
          relativeurls: false
          draintimeout: 60s
          tls:
            certificate: /etc/registry/server.crt
            key: /etc/registry/server.key
            clientcas:
              - /etc/registry/client-ca.pem
              - /etc/registry/other-client-ca.pem
            clientauth: require-and-verify-client-cert
            minimumtls: tls1.2
            ciphersuites:
              - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
              - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
            letsencrypt:
              cachefile: /var/cache/registry/acme
              email: admin@example.test
              hosts: [registry.example.test]
              directoryurl: https://acme.example.test/directory
          debug:
            addr: localhost:5001
          headers:
            X-Content-Type-Options: [nosniff]
          http2:
            disabled: false
          h2c:
            enabled: false
        """;

    /// <summary>The <c>redis</c> example of v3.0 (go-redis options and TLS files).</summary>
    public const string RedisV3 = """
        version: 0.1
        storage:
          inmemory:
        redis:
          tls:
            certificate: /etc/registry/redis.crt
            key: /etc/registry/redis.key
            clientcas:
              - /etc/registry/redis-ca.pem
          addrs: [localhost:6379]
          password: redis-secret
          db: 0
          dialtimeout: 10ms
          readtimeout: 10ms
          writetimeout: 10ms
          maxidleconns: 16
          poolsize: 64
          connmaxidletime: 300s
        """;

    /// <summary>The <c>validation</c> examples of v3.0: <c>disabled</c>, <c>urls</c> and <c>indexes</c>.</summary>
    public const string Validation = """
        version: 0.1
        storage:
          inmemory:
        validation:
          disabled: false
          manifests:
            urls:
              allow:
                - ^https?://([^/]+\.)*example\.test/
              deny:
                - ^https?://www\.example\.test/
            indexes:
              platforms: list
              platformlist:
              - os: linux
                architecture: amd64
        """;

    /// <summary>The minimal S3 configuration of the S3 driver page, with its cloudfront middleware.</summary>
    public const string S3WithCloudFront = """
        version: 0.1
        storage:
          s3:
            region: us-east-1
            bucket: images.registry.example.test
        middleware:
          storage:
            - name: cloudfront
              options:
                baseurl: https://d0example.cloudfront.test/
                privatekey: /etc/registry/cloudfront/pk-EXAMPLE.pem
                keypairid: EXAMPLEKEYPAIR
        """;

    /// <summary>The <c>storage.s3</c> keys of v3.0's listing and the S3 driver page.</summary>
    public const string S3Driver = """
        version: 0.1
        storage:
          s3:
            accesskey: AKIAEXAMPLE
            secretkey: not-a-real-secret
            region: us-west-1
            regionendpoint: http://objects.example.test
            forcepathstyle: true
            accelerate: false
            bucket: images
            encrypt: true
            keyid: example-kms-key
            secure: true
            skipverify: false
            v4auth: true
            chunksize: 5242880
            multipartcopychunksize: 33554432
            multipartcopymaxconcurrency: 100
            multipartcopythresholdsize: 33554432
            rootdirectory: /s3/prefix
            storageclass: STANDARD
            useragent: registry-test
            usedualstack: false
            objectacl: private
            loglevel: debug
        """;

    /// <summary>The <c>storage.azure</c> keys of both listings and the Azure driver page.</summary>
    public const string AzureDriver = """
        version: 0.1
        storage:
          azure:
            accountname: exampleaccount
            accountkey: bm90LWEtcmVhbC1rZXk=
            container: images
            realm: core.windows.net
            rootdirectory: /azure/prefix
            credentials:
              type: client_secret
              clientid: example-client
              tenantid: example-tenant
              secret: not-a-real-secret
            max_retries: 10
            retry_delay: 100ms
            copy_status_poll_max_retry: 10
            copy_status_poll_delay: 100ms
        """;

    /// <summary>The <c>storage.gcs</c> keys of both listings and the GCS driver page.</summary>
    public const string GcsDriver = """
        version: 0.1
        storage:
          gcs:
            bucket: images
            keyfile: /etc/registry/gcs-key.json
            credentials:
              type: service_account
              project_id: example-project
              private_key_id: example-key-id
              private_key: not-a-real-key
              client_email: registry@example-project.test
              client_id: "1234567890"
              auth_uri: https://accounts.example.test/auth
              token_uri: https://accounts.example.test/token
              auth_provider_x509_cert_url: https://accounts.example.test/certs
              client_x509_cert_url: https://accounts.example.test/client-certs
            rootdirectory: /gcs/prefix
            chunksize: 5242880
            disablekeepalives: false
        """;

    /// <summary>The <c>storage.swift</c> keys of v2.8's listing and Swift driver page.</summary>
    public const string SwiftDriver = """
        version: 0.1
        storage:
          swift:
            username: swift-user
            password: not-a-real-password
            authurl: https://identity.example.test/v3/auth
            tenant: example-tenant
            tenantid: example-tenant-id
            domain: example-domain
            domainid: example-domain-id
            trustid: example-trust
            insecureskipverify: true
            region: fr
            container: images
            rootdirectory: /swift/prefix
            chunksize: 5242880
            prefix: /swift/prefix
            secretkey: not-a-real-key
            accesskey: example-access-key
            authversion: 3
            endpointtype: public
            tempurlcontainerkey: false
            tempurlmethods:
              - GET
              - PUT
        """;

    /// <summary>The <c>storage.oss</c> keys of v2.8's listing and OSS driver page.</summary>
    public const string OssDriver = """
        version: 0.1
        storage:
          oss:
            accesskeyid: example-key-id
            accesskeysecret: not-a-real-secret
            region: oss-cn-beijing
            endpoint: images.oss-cn-beijing.example.test
            internal: false
            bucket: images
            encrypt: true
            encryptionkeyid: example-kms-key
            secure: true
            chunksize: 10485760
            rootdirectory: /oss/prefix
        """;

    /// <summary>The filesystem driver page: <c>rootdirectory</c> and <c>maxthreads</c>.</summary>
    public const string FileSystemDriver = """
        version: 0.1
        storage:
          filesystem:
            rootdirectory: /srv/registry
            maxthreads: 100
        """;
}
