using System.Net;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Health;

public sealed class HealthEndpointTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/ready")]
    public async Task HealthAndReadiness_AnswerHealthy_WhenTheDatabaseIsMigrated(string path)
    {
        using var client = Anonymous();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
