namespace Registry.Storage.Drivers.Swift;

/// <summary>
/// Auth v1 (tempauth, swauth): <c>GET authurl</c> with <c>X-Auth-User</c> and <c>X-Auth-Key</c>, which returns
/// <c>X-Storage-Url</c> and <c>X-Auth-Token</c>.
/// </summary>
internal sealed class SwiftV1Authenticator(SwiftDriverOptions options) : ISwiftAuthenticator
{
    public int Version => 1;

    public async Task<SwiftSession> AuthenticateAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var url = new Uri(options.AuthUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Auth-User", options.Username);
        request.Headers.Add("X-Auth-Key", options.Password);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw SwiftAuthenticators.Failure(url, response);
        }

        var storageUrl = FirstHeader(response, "X-Storage-Url");
        var token = FirstHeader(response, "X-Auth-Token") ?? FirstHeader(response, "X-Storage-Token");
        if (storageUrl is null || token is null || !Uri.TryCreate(storageUrl, UriKind.Absolute, out var storageUri))
        {
            throw new SwiftAuthenticationException($"authentication at {url} returned no valid X-Storage-Url and X-Auth-Token headers");
        }

        return new SwiftSession(storageUri, token, "");
    }

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
