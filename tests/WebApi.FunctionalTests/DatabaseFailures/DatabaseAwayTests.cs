using System.Net;
using System.Net.Http.Headers;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.DatabaseFailures;

/// <summary>
/// While the database is away, the API says so: not ready, and 503 <c>database_unavailable</c> with a Retry-After
/// whether the failure meets a use case (after its last attempt) or the bearer token's user lookup before it.
/// </summary>
[Collection(UnreliableDatabaseTestGroup.Name)]
public sealed class DatabaseAwayTests(UnreliableDatabaseApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Readiness_Is503_WhileLivenessStays200()
    {
        await using var away = factory.WithoutDatabase();
        using var client = away.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task AUseCase_Is503_AfterItsLastAttempt()
    {
        await using var away = factory.WithoutDatabase();
        using var client = away.CreateClient();

        var response = await client.PostAsync("/api/v1/auth/token", Json.Body(new { email = "someone@example.com", password = Password }));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "database_unavailable");
        Assert.Contains("nothing was changed", problem.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task ASignedInRequest_WhoseTokenCannotBeCheckedAgainstTheDatabase_Is503()
    {
        var user = await SignUpAsync();
        await using var away = factory.WithoutDatabase();
        using var client = away.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Forge(user.Id, Tokens.SessionOf(user), Tokens.TheApisKey(Factory)));

        var response = await client.GetAsync("/api/v1/tasks");

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "database_unavailable");
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
    }
}
