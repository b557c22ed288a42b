using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Registry.Silo.Configuration;

/// <summary>An <c>http.addr</c> value: <c>host:port</c> or <c>:port</c> (every interface), as Go's listener takes it.</summary>
public sealed record ListenAddress(IPAddress? Address, string? Host, int Port)
{
    public const string Rule = "must be host:port or :port";

    /// <summary>Parses <paramref name="value"/>, with <paramref name="what"/> starting the error message, such as "config.yml:3: http.addr".</summary>
    public static ListenAddress Parse(string value, string what) =>
        TryParse(value, out var address)
            ? address
            : throw new ConfigurationException($"{what} is '{value}', but {Rule}");

    public static bool TryParse(string? value, [NotNullWhen(true)] out ListenAddress? address)
    {
        address = null;
        var colon = value?.LastIndexOf(':') ?? -1;
        if (colon < 0
            || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > 65535)
        {
            return false;
        }

        var host = value![..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (host.Length == 0)
        {
            address = new ListenAddress(null, null, port);
        }
        else if (IPAddress.TryParse(host, out var ip))
        {
            address = new ListenAddress(ip, null, port);
        }
        else if (Uri.CheckHostName(host) == UriHostNameType.Dns)
        {
            address = new ListenAddress(null, host, port);
        }

        return address is not null;
    }
}
