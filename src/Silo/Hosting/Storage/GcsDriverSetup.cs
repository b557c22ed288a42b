using System.Text.Json;
using Microsoft.Extensions.Logging;
using Registry.Silo.Configuration;
using Registry.Storage.Drivers;
using Registry.Storage.Drivers.Gcs;

namespace Registry.Silo.Hosting.Storage;

/// <summary>Maps the <c>storage.gcs</c> section onto the driver's options.</summary>
internal static class GcsDriverSetup
{
    /// <summary>
    /// The variable that points Google's client libraries, and so distribution's gcs driver, at an
    /// emulator: a host and port, or a URL. Requests then go there without credentials.
    /// </summary>
    public const string EmulatorHostVariable = "STORAGE_EMULATOR_HOST";

    public static IStorageDriver Create(GcsStorageSection section, ILoggerFactory loggerFactory) =>
        new GcsDriver(ToOptions(section, Environment.GetEnvironmentVariable(EmulatorHostVariable)), loggerFactory.CreateLogger<GcsDriver>());

    /// <summary>
    /// Checks the section and builds the options. Credentials come from <c>keyfile</c>, else from the
    /// <c>credentials</c> section, else from Application Default Credentials, in distribution's order.
    /// </summary>
    /// <exception cref="ConfigurationException">A key is missing or invalid; the message names it.</exception>
    public static GcsDriverOptions ToOptions(GcsStorageSection section, string? emulatorHost = null)
    {
        if (string.IsNullOrWhiteSpace(section.Bucket))
        {
            throw new ConfigurationException("storage.gcs.bucket is missing. Set it to the name of the bucket that stores the registry's data.");
        }

        if (section.ChunkSize <= 0 || section.ChunkSize % GcsDriverOptions.ChunkGranularity != 0 || section.ChunkSize > int.MaxValue)
        {
            throw new ConfigurationException(
                $"storage.gcs.chunksize is {section.ChunkSize}, but it must be a positive multiple of {GcsDriverOptions.ChunkGranularity} (256 KiB), " +
                $"for example {GcsDriverOptions.DefaultChunkSize}.");
        }

        var keyFile = string.IsNullOrWhiteSpace(section.KeyFile) ? null : section.KeyFile;
        if (keyFile is not null && !File.Exists(keyFile))
        {
            throw new ConfigurationException($"storage.gcs.keyfile is '{keyFile}', but no such file exists. Give the path of a service account key in JSON.");
        }

        return new GcsDriverOptions
        {
            Bucket = section.Bucket,
            RootDirectory = section.RootDirectory,
            KeyFile = keyFile,
            ServiceAccountJson = keyFile is null ? CredentialsJson(section.Credentials) : null,
            ChunkSize = (int)section.ChunkSize,
            DisableKeepAlives = section.DisableKeepAlives,
            Endpoint = EmulatorEndpoint(emulatorHost),
            Anonymous = !string.IsNullOrWhiteSpace(emulatorHost),
        };
    }

    /// <summary>The JSON API base URL for <see cref="EmulatorHostVariable"/>, or null when it is unset.</summary>
    private static Uri? EmulatorEndpoint(string? emulatorHost)
    {
        if (string.IsNullOrWhiteSpace(emulatorHost))
        {
            return null;
        }

        var text = emulatorHost.Contains("://", StringComparison.Ordinal) ? emulatorHost : "http://" + emulatorHost;
        // The host's root, not storage/v1/ as Google's Go client uses: emulators serve the JSON API at
        // both, and the firebase-tools emulator copies objects only at the root.
        if (!Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ConfigurationException($"{EmulatorHostVariable} is '{emulatorHost}', but must be a host and port such as 127.0.0.1:4443, or an http or https URL.");
        }

        return endpoint;
    }

    /// <summary>The <c>credentials</c> section as a service account key file, or null when the section is empty.</summary>
    private static string? CredentialsJson(GcsCredentialsSection credentials)
    {
        var fields = new Dictionary<string, string>
        {
            ["type"] = credentials.Type,
            ["project_id"] = credentials.ProjectId,
            ["private_key_id"] = credentials.PrivateKeyId,
            ["private_key"] = credentials.PrivateKey,
            ["client_email"] = credentials.ClientEmail,
            ["client_id"] = credentials.ClientId,
            ["auth_uri"] = credentials.AuthUri,
            ["token_uri"] = credentials.TokenUri,
            ["auth_provider_x509_cert_url"] = credentials.AuthProviderX509CertUrl,
            ["client_x509_cert_url"] = credentials.ClientX509CertUrl,
        };
        if (fields.Values.All(string.IsNullOrEmpty))
        {
            return null;
        }

        if (credentials.Type != "service_account")
        {
            throw new ConfigurationException(
                $"storage.gcs.credentials.type is '{credentials.Type}', but only service_account keys are supported. Give the fields of a service account key file.");
        }

        foreach (var key in new[] { "client_email", "private_key" })
        {
            if (string.IsNullOrWhiteSpace(fields[key]))
            {
                throw new ConfigurationException($"storage.gcs.credentials.{key} is missing. Copy it from the service account key file.");
            }
        }

        return JsonSerializer.Serialize(fields.Where(field => !string.IsNullOrEmpty(field.Value)).ToDictionary());
    }
}
