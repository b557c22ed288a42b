using System.Globalization;
using System.Net;

namespace Registry.Silo.Configuration;

/// <summary>An <c>http.addr</c> value: <c>host:port</c> or <c>:port</c> (every interface), as Go's listener takes it.</summary>
public sealed record ListenAddress(IPAddress? Address, string? Host, int Port)
{
    public static ListenAddress Parse(string value, string what)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0
            || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > 65535)
        {
            throw new ConfigurationException($"{what} is '{value}', but must be host:port or :port");
        }

        var host = value[..colon].Trim('[', ']');
        if (host.Length == 0)
        {
            return new ListenAddress(null, null, port);
        }

        return IPAddress.TryParse(host, out var address)
            ? new ListenAddress(address, null, port)
            : new ListenAddress(null, host, port);
    }
}
