using System.Security.Cryptography;
using Registry.Gateway.StorageMiddleware;
using Registry.Silo.Configuration;

namespace Registry.Silo.Hosting.Storage;

/// <summary>
/// Reads the <c>middleware.storage</c> entries into <see cref="StorageMiddlewareSpec"/> values at
/// start-up, so that a bad option or an unreadable key file stops the registry with a message that
/// names the key, as distribution refuses to start.
/// </summary>
internal static class StorageMiddlewareParser
{
    /// <exception cref="ConfigurationException">An entry names unknown middleware or has an invalid option.</exception>
    public static IReadOnlyList<StorageMiddlewareSpec> Parse(IReadOnlyList<MiddlewareEntry> entries)
    {
        var specs = new List<StorageMiddlewareSpec>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Disabled)
            {
                continue;
            }

            var options = new MiddlewareOptionReader($"middleware.storage[{i}]", entry.Options);
            specs.Add(entry.Name switch
            {
                "redirect" => new RedirectMiddlewareSpec(RedirectBaseUrl(options)),
                "cloudfront" => CloudFront(options),
                _ => throw new ConfigurationException(
                    $"middleware.storage[{i}].name is '{entry.Name}', but no storage middleware has that name; use {string.Join(" or ", MiddlewareSection.StorageMiddlewareNames)}"),
            });
        }

        return specs;
    }

    private static Uri RedirectBaseUrl(MiddlewareOptionReader options)
    {
        var text = options.RequiredString("baseurl", "the redirect middleware needs the URL that blob downloads are redirected to");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Host.Length == 0)
        {
            throw options.Invalid("baseurl", text, "must be an absolute URL with a scheme and a host, such as https://cdn.example.com/registry");
        }

        return url;
    }

    private static CloudFrontMiddlewareSpec CloudFront(MiddlewareOptionReader options)
    {
        var baseUrl = options.RequiredString("baseurl", "the cloudfront middleware needs the URL of the CloudFront distribution");
        if (!baseUrl.Contains("://", StringComparison.Ordinal))
        {
            baseUrl = "https://" + baseUrl;
        }

        if (!baseUrl.EndsWith('/'))
        {
            baseUrl += "/";
        }

        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out _))
        {
            throw options.Invalid("baseurl", baseUrl, "must be a URL, such as https://d111111abcdef8.cloudfront.net/");
        }

        var keyPath = options.RequiredString("privatekey", "the cloudfront middleware needs the PEM file of the key pair's RSA private key");
        var keyPairId = options.RequiredString("keypairid", "the cloudfront middleware needs the id of the CloudFront key pair");
        var filter = options.OptionalString("ipfilteredby")?.Trim().ToLowerInvariant() switch
        {
            null or "" or "none" => AwsIpFilter.None,
            "aws" => AwsIpFilter.Aws,
            "awsregion" => AwsIpFilter.AwsRegion,
            var other => throw options.Invalid("ipfilteredby", other, "must be none, aws or awsregion"),
        };

        IReadOnlyList<string> regions = [];
        if (filter == AwsIpFilter.AwsRegion)
        {
            regions = options.RequiredString("awsregion", "ipfilteredby awsregion needs a comma-separated list of AWS regions")
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(region => region.ToLowerInvariant())
                .ToList();
        }

        var ipRangesUrl = CloudFrontOptions.DefaultIpRangesUrl;
        if (options.OptionalString("iprangesurl") is { } rangesText
            && (!Uri.TryCreate(rangesText, UriKind.Absolute, out ipRangesUrl!) || ipRangesUrl.Scheme is not ("http" or "https")))
        {
            throw options.Invalid("iprangesurl", rangesText, "must be an http or https URL");
        }

        var cloudFront = new CloudFrontOptions
        {
            BaseUrl = baseUrl,
            PrivateKey = ReadPrivateKey(options, keyPath),
            KeyPairId = keyPairId,
            Duration = options.Duration("duration") ?? TimeSpan.FromMinutes(20),
            IpFilter = filter,
            AwsRegions = regions,

            // distribution v2.8 spelled the key "updatefrenquency"; later versions read both.
            UpdateFrequency = options.Duration("updatefrequency") ?? options.Duration("updatefrenquency") ?? TimeSpan.FromHours(12),
            IpRangesUrl = ipRangesUrl,
        };
        var ranges = filter == AwsIpFilter.None ? null : new AwsIpRanges(cloudFront.IpRangesUrl, cloudFront.AwsRegions);
        return new CloudFrontMiddlewareSpec(cloudFront, ranges);
    }

    private static RSA ReadPrivateKey(MiddlewareOptionReader options, string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw options.Invalid("privatekey", path, $"could not be read: {exception.Message}");
        }

        var key = RSA.Create();
        try
        {
            // Accepts "RSA PRIVATE KEY" (PKCS #1, what CloudFront hands out) and "PRIVATE KEY" (PKCS #8).
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw options.Invalid("privatekey", path, "must name a PEM file with an RSA private key");
        }
    }
}
