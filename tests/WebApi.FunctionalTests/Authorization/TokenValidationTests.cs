using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Authorization;

public sealed class TokenValidationTests(ApiFactory factory) : ApiTestBase(factory)
{
    private const string SomeTask = "/api/v1/tasks/0193a4e2-7b1c-7d00-8000-000000000001";

    public static TheoryData<string, string> SomeProtectedEndpoints => new()
    {
        { "GET", "/api/v1/tasks" },
        { "POST", "/api/v1/tasks" },
        { "POST", SomeTask + "/take" },
        { "GET", "/api/v1/users/me" },
        { "GET", "/api/v1/users" },
    };

    [Theory]
    [MemberData(nameof(SomeProtectedEndpoints))]
    public async Task ProtectedEndpoint_WithATokenSignedByAnotherKey_Answers401(string method, string path)
    {
        var user = await SignUpAsync();
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgeToken(user.Id, AnotherKey()));

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json.Body(new { }) });

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

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
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgeToken(user.Id, TheApisKey(), expires: DateTime.UtcNow.AddMinutes(-5)));

        await Problem.AssertAsync(await client.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task TokenForAnotherAudience_Answers401()
    {
        var user = await SignUpAsync();
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgeToken(user.Id, TheApisKey(), audience: "SomeOtherService"));

        await Problem.AssertAsync(await client.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ForgedTokenWithTheRightKey_IsAccepted_SoTheRefusalsAboveAreAboutTheirFlaw()
    {
        var user = await SignUpAsync();
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgeToken(user.Id, TheApisKey()));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/docs/index.html")]
    public async Task PublicEndpoints_AnswerWithoutToken(string path)
    {
        using var client = Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    private RsaSecurityKey TheApisKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Factory.SigningKeyFile));
        return new RsaSecurityKey(rsa) { KeyId = "test-key" };
    }

    private static RsaSecurityKey AnotherKey() => new(RSA.Create(2048)) { KeyId = "test-key" };

    private static string ForgeToken(Guid userId, SecurityKey key, DateTime? expires = null, string audience = "TaskOrchestration")
    {
        var notBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "TaskOrchestration",
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("role", "member")]),
        });
    }
}
