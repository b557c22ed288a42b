using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Registry.ApiTests.Redirects;

/// <summary>Serves a fixed <c>ip-ranges.json</c> document on 127.0.0.1, so that tests never fetch AWS's list.</summary>
internal sealed class IpRangesServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IpRangesServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Starts a server whose list contains <paramref name="ipv4Prefix"/> in <paramref name="region"/> and one IPv6 range.</summary>
    public static async Task<IpRangesServer> StartAsync(string ipv4Prefix, string region)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var document = $$"""
            {
              "syncToken": "1",
              "createDate": "2024-01-01-00-00-00",
              "prefixes": [
                { "ip_prefix": "{{ipv4Prefix}}", "region": "{{region}}", "service": "AMAZON", "network_border_group": "{{region}}" },
                { "ip_prefix": "not-a-prefix", "region": "{{region}}", "service": "AMAZON", "network_border_group": "{{region}}" }
              ],
              "ipv6_prefixes": [
                { "ipv6_prefix": "2001:db8::/32", "region": "{{region}}", "service": "AMAZON", "network_border_group": "{{region}}" }
              ]
            }
            """;
        app.MapGet("/ip-ranges.json", () => Results.Text(document, "application/json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new IpRangesServer(app, new Uri(new Uri(address), "/ip-ranges.json"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
