using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Storage.Drivers.Swift;

namespace Registry.UnitTests.Storage;

public sealed class SwiftConnectionTests
{
    [Fact]
    public async Task Send_RejectedToken_AuthenticatesAgainOnce()
    {
        var tokens = 0;
        var seen = new List<string>();
        var server = new FakeServer(request =>
        {
            if (request.RequestUri!.AbsolutePath == "/auth/v1.0")
            {
                tokens++;
                var auth = new HttpResponseMessage(HttpStatusCode.OK);
                auth.Headers.Add("X-Storage-Url", "http://swift.test/v1/AUTH_test");
                auth.Headers.Add("X-Auth-Token", $"token-{tokens}");
                return auth;
            }

            var token = request.Headers.GetValues("X-Auth-Token").Single();
            seen.Add(token);
            return new HttpResponseMessage(token == "token-1" ? HttpStatusCode.Unauthorized : HttpStatusCode.NoContent);
        });
        using var connection = Connection(server);

        using var response = await connection.SendAsync(session => new HttpRequestMessage(HttpMethod.Head, session.StorageUrl), idempotent: true, default);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["token-1", "token-2"], seen);
        Assert.Equal(2, tokens);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true, 3)]
    [InlineData(HttpStatusCode.TooManyRequests, true, 3)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false, 1)]
    [InlineData(HttpStatusCode.NotFound, true, 1)]
    public async Task Send_FailingStatus_RetriesOnlyIdempotentTransient(HttpStatusCode status, bool idempotent, int expectedAttempts)
    {
        var attempts = 0;
        var server = new FakeServer(request =>
        {
            if (request.RequestUri!.AbsolutePath == "/auth/v1.0")
            {
                var auth = new HttpResponseMessage(HttpStatusCode.OK);
                auth.Headers.Add("X-Storage-Url", "http://swift.test/v1/AUTH_test");
                auth.Headers.Add("X-Auth-Token", "token");
                return auth;
            }

            attempts++;
            return new HttpResponseMessage(status);
        });
        using var connection = Connection(server);

        using var response = await connection.SendAsync(session => new HttpRequestMessage(HttpMethod.Get, session.StorageUrl), idempotent, default);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(expectedAttempts, attempts);
    }

    private static SwiftConnection Connection(HttpMessageHandler handler)
    {
        var options = new SwiftDriverOptions
        {
            AuthUrl = "http://swift.test/auth/v1.0",
            Username = "test:tester",
            Password = "testing",
            Container = "registry",
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        };
        return new SwiftConnection(new HttpClient(handler), SwiftAuthenticators.Create(options), options, NullLogger.Instance);
    }

    private sealed class FakeServer(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond(request));
    }
}
