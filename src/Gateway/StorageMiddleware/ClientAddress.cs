using System.Net;

namespace Registry.Gateway.StorageMiddleware;

/// <summary>
/// The client address as distribution's <c>requestutil.RemoteIP</c> reads it: the first entry of
/// <c>X-Forwarded-For</c>, else <c>X-Real-Ip</c>, else the connection's remote address.
/// </summary>
/// <remarks>
/// NOTE: the headers are trusted from any client, as in distribution, so a client can claim an AWS
/// address and get the driver's own presigned URL instead of CloudFront's. That URL grants no more
/// access than the CloudFront one.
/// </remarks>
internal static class ClientAddress
{
    public static IPAddress? From(HttpContext context)
    {
        var headers = context.Request.Headers;
        var forwarded = headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0)
        {
            var first = forwarded.Split(',', 2)[0].Trim();
            if (IPAddress.TryParse(first, out var address))
            {
                return address;
            }
        }

        var realIp = headers["X-Real-Ip"].ToString().Trim();
        if (realIp.Length > 0 && IPAddress.TryParse(realIp, out var real))
        {
            return real;
        }

        return context.Connection.RemoteIpAddress;
    }
}
