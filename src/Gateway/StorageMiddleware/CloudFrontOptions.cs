using System.Security.Cryptography;

namespace Registry.Gateway.StorageMiddleware;

/// <summary>Settings of the <c>cloudfront</c> storage middleware (<c>middleware.storage[].options</c>).</summary>
public sealed class CloudFrontOptions
{
    /// <summary>The default of <see cref="IpRangesUrl"/>: the list of AWS address ranges that AWS publishes.</summary>
    public static readonly Uri DefaultIpRangesUrl = new("https://ip-ranges.amazonaws.com/ip-ranges.json");

    /// <summary>
    /// <c>baseurl</c>: the CloudFront distribution's URL, ending with <c>/</c>, to which the object key is
    /// appended. Required. Without a scheme, <c>https://</c> is assumed.
    /// </summary>
    public required string BaseUrl { get; init; }

    /// <summary><c>privatekey</c>: the RSA key of the CloudFront key pair, read from the PEM file that the key names. Required.</summary>
    public required RSA PrivateKey { get; init; }

    /// <summary><c>keypairid</c>: the id of the CloudFront key pair (or public key). Required.</summary>
    public required string KeyPairId { get; init; }

    /// <summary><c>duration</c>: how long a signed URL stays valid. Default 20 minutes.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary><c>ipfilteredby</c>: which clients get the driver's own URL instead of CloudFront's. Default none.</summary>
    public AwsIpFilter IpFilter { get; init; } = AwsIpFilter.None;

    /// <summary><c>awsregion</c>: the regions, lowercase, whose addresses <see cref="AwsIpFilter.AwsRegion"/> matches.</summary>
    public IReadOnlyList<string> AwsRegions { get; init; } = [];

    /// <summary><c>updatefrequency</c>: how often the AWS address ranges are fetched again. Default 12 hours.</summary>
    public TimeSpan UpdateFrequency { get; init; } = TimeSpan.FromHours(12);

    /// <summary><c>iprangesurl</c>: where the AWS address ranges are fetched from. Default <see cref="DefaultIpRangesUrl"/>.</summary>
    public Uri IpRangesUrl { get; init; } = DefaultIpRangesUrl;
}

/// <summary>A <c>ipfilteredby</c> value.</summary>
public enum AwsIpFilter
{
    /// <summary>Every client gets a CloudFront URL.</summary>
    None,

    /// <summary>Clients with an address in any AWS range get the driver's own URL.</summary>
    Aws,

    /// <summary>Clients with an address in a range of one of <see cref="CloudFrontOptions.AwsRegions"/> get the driver's own URL.</summary>
    AwsRegion,
}
