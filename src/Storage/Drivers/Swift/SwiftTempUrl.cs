using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Storage.Drivers.Swift;

/// <summary>
/// Signs Swift TempURLs as distribution v2.8 does: HMAC-SHA1 over <c>METHOD\nEXPIRES\nPATH</c> with the account or
/// container key, where PATH is the object URL's path (<c>/v1/AUTH_account/container/object</c>).
/// </summary>
internal static class SwiftTempUrl
{
    /// <param name="accessKey">An HP Cloud access key; when set the signature becomes <c>tenant:accesskey:signature</c>.</param>
    public static Uri Sign(Uri objectUri, string method, DateTimeOffset expires, string key, string accessKey = "", string tenantId = "")
    {
        var expiresText = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Signature(method, expiresText, objectUri.AbsolutePath, key);
        if (accessKey.Length > 0)
        {
            signature = tenantId + ":" + accessKey + ":" + signature;
        }

        var builder = new UriBuilder(objectUri)
        {
            Query = "temp_url_sig=" + Uri.EscapeDataString(signature) + "&temp_url_expires=" + expiresText,
        };
        return builder.Uri;
    }

    public static string Signature(string method, string expires, string path, string key)
    {
        var body = Encoding.UTF8.GetBytes(method + "\n" + expires + "\n" + path);
        return Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), body));
    }
}
