using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Registry.Silo.Configuration;

namespace Registry.Silo.Hosting;

/// <summary>Applies <c>http.addr</c>, <see cref="ListenerOptions"/> and <see cref="TlsSetup"/> to Kestrel and to the request pipeline.</summary>
internal static partial class ListenerSetup
{
    /// <summary>
    /// Listens on <paramref name="address"/>: a Unix socket path for <see cref="ListenNetwork.Unix"/>,
    /// else <c>host:port</c>, where a host name listens on each of its addresses. With
    /// <paramref name="tls"/> every endpoint serves HTTPS, with HTTP/2 unless it is disabled.
    /// </summary>
    public static void Listen(KestrelServerOptions kestrel, string address, ListenerOptions listener, TlsSetup? tls)
    {
        var logger = kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Registry.Silo.Hosting.Listener");
        void Configure(ListenOptions endpoint)
        {
            // Without TLS, Kestrel serves HTTP/1.1 on an endpoint that allows both, because HTTP/2 is
            // negotiated through TLS (ALPN). Distribution ignores http.http2 there too.
            if (tls is not null)
            {
                endpoint.Protocols = listener.Http2Disabled ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
                endpoint.UseHttps(tls.CreateAdapterOptions(logger));
            }
        }

        if (tls is not null)
        {
            LogTlsConfigured(logger, tls.CertificateSubject, tls.ClientCertificateMode.ToString(), tls.VerifiesClientCertificates);
        }

        if (listener.Network == ListenNetwork.Unix)
        {
            if (string.IsNullOrEmpty(address))
            {
                throw new ConfigurationException("http.addr is empty, but http.net is unix, so it must be the path of the socket");
            }

            kestrel.ListenUnixSocket(address, Configure);
            return;
        }

        var parsed = ListenAddress.Parse(address, "http.addr");
        if (parsed.Address is not null)
        {
            kestrel.Listen(parsed.Address, parsed.Port, Configure);
        }
        else if (parsed.Host is "localhost")
        {
            kestrel.ListenLocalhost(parsed.Port, Configure);
        }
        else if (parsed.Host is null)
        {
            kestrel.ListenAnyIP(parsed.Port, Configure);
        }
        else
        {
            foreach (var resolved in Dns.GetHostAddresses(parsed.Host))
            {
                kestrel.Listen(resolved, parsed.Port, Configure);
            }
        }
    }

    /// <summary>
    /// Adds the path base of <c>http.prefix</c> and the <see cref="ResponseUrlMiddleware"/> in front
    /// of the gateway. Routing is added after them, so endpoints match the path without the prefix.
    /// </summary>
    public static void UseListener(WebApplication app, ListenerOptions listener)
    {
        if (listener.PathBase.Length > 0)
        {
            app.UsePathBase(listener.PathBase);
        }

        if (ResponseUrlMiddleware.IsNeeded(listener))
        {
            app.UseMiddleware<ResponseUrlMiddleware>(listener);
        }

        app.UseRouting();
    }

    [LoggerMessage(EventId = HostEventIds.TlsConfigured, Level = LogLevel.Information, Message = "Serving HTTPS with the certificate {Subject}; client certificates: {ClientCertificateMode}, verified: {Verified}")]
    private static partial void LogTlsConfigured(ILogger logger, string subject, string clientCertificateMode, bool verified);
}
