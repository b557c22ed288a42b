using Registry.Gateway.StorageMiddleware;

namespace Registry.Silo.Hosting.Storage;

/// <summary>One parsed <c>middleware.storage</c> entry, ready to wrap the driver.</summary>
internal abstract record StorageMiddlewareSpec(string Name);

/// <summary>The <c>redirect</c> middleware with its <c>baseurl</c>.</summary>
internal sealed record RedirectMiddlewareSpec(Uri BaseUrl) : StorageMiddlewareSpec("redirect");

/// <summary>The <c>cloudfront</c> middleware; <see cref="AwsRanges"/> is null for <c>ipfilteredby: none</c>.</summary>
internal sealed record CloudFrontMiddlewareSpec(CloudFrontOptions Options, AwsIpRanges? AwsRanges) : StorageMiddlewareSpec("cloudfront");
