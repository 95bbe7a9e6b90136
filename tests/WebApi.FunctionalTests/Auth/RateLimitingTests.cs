using System.Net;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Auth;

public sealed class RateLimitingTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task AuthEndpoints_PastTheLimit_Answer429WithRetryAfter()
    {
        using var limited = Factory.WithWebHostBuilder(builder => builder.UseSetting("RateLimiting:Auth:PermitLimit", "3"));
        using var client = limited.CreateClient();
        var body = new { email = "nobody@example.com", password = "whatever-password" };

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/v1/auth/token", Json.Body(body))).StatusCode);
        }

        var refused = await client.PostAsync("/api/v1/auth/token", Json.Body(body));

        var problem = await Problem.AssertAsync(refused, HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc6585#section-4", problem.Body.GetProperty("type").GetString());
        Assert.Equal("Too Many Requests", problem.Body.GetProperty("title").GetString());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}
