using System.Text;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Http;
using Google.Cloud.Storage.V1;

namespace Registry.Storage.Drivers.Gcs;

/// <summary>A storage client with the signer of its credential.</summary>
/// <param name="Signer">Signs redirect URLs, or null when the credential cannot sign.</param>
/// <param name="NoSignerReason">Why <paramref name="Signer"/> is null.</param>
internal sealed record GcsClient(StorageClient Storage, UrlSigner? Signer, string CredentialKind, string? NoSignerReason);

/// <summary>Builds the storage client from <c>keyfile</c>, inline <c>credentials</c> or Application Default Credentials.</summary>
internal static class GcsClientFactory
{
    public static GcsClient Create(GcsDriverOptions options, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler)
    {
        var builder = new StorageClientBuilder
        {
            HttpClientFactory = new HandlerFactory(options.DisableKeepAlives, wrapHandler),
        };
        if (options.Endpoint is not null)
        {
            builder.BaseUri = options.Endpoint.ToString();
        }

        if (options.Anonymous)
        {
            builder.UnauthenticatedAccess = true;
            return new GcsClient(builder.Build(), null, "no", "the driver sends no credentials");
        }

        if (!string.IsNullOrEmpty(options.KeyFile))
        {
            var account = Load(() => CredentialFactory.FromFile<ServiceAccountCredential>(options.KeyFile), "storage.gcs.keyfile");
            builder.Credential = account.ToGoogleCredential();
            return new GcsClient(builder.Build(), UrlSigner.FromCredential(account), "service account key file", null);
        }

        if (!string.IsNullOrEmpty(options.ServiceAccountJson))
        {
            var account = Load(
                () => CredentialFactory.FromStream<ServiceAccountCredential>(new MemoryStream(Encoding.UTF8.GetBytes(options.ServiceAccountJson))),
                "storage.gcs.credentials");
            builder.Credential = account.ToGoogleCredential();
            return new GcsClient(builder.Build(), UrlSigner.FromCredential(account), "inline service account", null);
        }

        GoogleCredential application;
        try
        {
            application = GoogleCredential.GetApplicationDefault();
        }
        catch (Exception exception) when (exception is InvalidOperationException or AggregateException { InnerException: InvalidOperationException })
        {
            throw new ArgumentException(
                "storage.gcs.keyfile and storage.gcs.credentials are not set, and no Application Default Credentials were found. " +
                "Set one of the two keys, or point GOOGLE_APPLICATION_CREDENTIALS at a key file.",
                exception);
        }

        builder.Credential = application;
        return application.UnderlyingCredential switch
        {
            ServiceAccountCredential account => new GcsClient(builder.Build(), UrlSigner.FromCredential(account), "application default service account", null),

            // These sign through the IAM signBlob API, which needs iam.serviceAccounts.signBlob on the account, as distribution documents.
            ComputeCredential or ImpersonatedCredential => new GcsClient(builder.Build(), UrlSigner.FromCredential(application), "application default", null),
            _ => new GcsClient(
                builder.Build(), null, "application default", $"Application Default Credentials of type {application.UnderlyingCredential.GetType().Name} cannot sign URLs"),
        };
    }

    private static T Load<T>(Func<T> load, string key)
    {
        try
        {
            return load();
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or ArgumentException or UnauthorizedAccessException or FormatException or Newtonsoft.Json.JsonException)
        {
            // The inner exception is left out: a parser message may quote part of the key.
            throw new ArgumentException($"{key} is invalid: the service account credentials could not be loaded ({exception.GetType().Name}). Give a service account key in JSON.");
        }
    }

    /// <summary>Adds the driver's handlers under the client library's own.</summary>
    private sealed class HandlerFactory(bool disableKeepAlives, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler) : HttpClientFactory
    {
        protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args)
        {
            var handler = base.CreateHandler(args);
            if (disableKeepAlives)
            {
                handler = new ConnectionCloseHandler { InnerHandler = handler };
            }

            return wrapHandler is null ? handler : wrapHandler(handler);
        }
    }

    /// <summary>Sends <c>Connection: close</c>, so that each connection serves one request (<c>disablekeepalives</c>).</summary>
    private sealed class ConnectionCloseHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.ConnectionClose = true;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
