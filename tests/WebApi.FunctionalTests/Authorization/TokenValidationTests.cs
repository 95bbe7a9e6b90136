using System.Net;
using System.Net.Http.Headers;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Authorization;

public sealed class TokenValidationTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIwMTkzYTRlMi03YjFjLTdkMDAtODAwMC0wMDAwMDAwMDAwMDEiLCJyb2xlIjoiYWRtaW4iLCJpc3MiOiJUYXNrT3JjaGVzdHJhdGlvbiIsImF1ZCI6IlRhc2tPcmNoZXN0cmF0aW9uIn0.")]
    public async Task GarbageOrUnsignedToken_Answers401(string token)
    {
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await Problem.AssertAsync(await client.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ExpiredToken_Answers401()
    {
        var user = await SignUpAsync();
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Forge(user.Id, Tokens.SessionOf(user), Tokens.TheApisKey(Factory), expires: DateTime.UtcNow.AddMinutes(-5)));

        await Problem.AssertAsync(await client.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task TokenForAnotherAudience_Answers401()
    {
        var user = await SignUpAsync();
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Forge(user.Id, Tokens.SessionOf(user), Tokens.TheApisKey(Factory), audience: "SomeOtherService"));

        await Problem.AssertAsync(await client.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ForgedTokenWithTheRightKey_IsAccepted_SoTheRefusalsAboveAreAboutTheirFlaw()
    {
        var user = await SignUpAsync();
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Forge(user.Id, Tokens.SessionOf(user), Tokens.TheApisKey(Factory)));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Theory]
    [InlineData("a-key-the-api-does-not-have")]
    [InlineData(null)]
    public async Task ATokenSignedWithTheRightKey_ButNamingAnUnknownKeyOrNone_Answers401(string? keyId)
    {
        var user = await SignUpAsync();
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Forge(user.Id, Tokens.SessionOf(user), Tokens.TheApisKey(Factory, keyId)));

        await Problem.AssertAsync(await client.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ATokenWithoutASession_Answers401()
    {
        var user = await SignUpAsync();
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Forge(user.Id, sessionId: null, Tokens.TheApisKey(Factory)));

        await Problem.AssertAsync(await client.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }
}
