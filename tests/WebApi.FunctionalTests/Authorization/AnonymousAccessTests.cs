using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Authorization;

public sealed class AnonymousAccessTests(ApiFactory factory) : ApiTestBase(factory)
{
    private const string SomeTask = "/api/v1/tasks/0193a4e2-7b1c-7d00-8000-000000000001";

    /// <summary>Every endpoint that needs a signed-in user. A new endpoint must be added here.</summary>
    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "POST", "/api/v1/tasks" },
        { "GET", "/api/v1/tasks" },
        { "GET", SomeTask },
        { "PATCH", SomeTask },
        { "POST", SomeTask + "/publish" },
        { "POST", SomeTask + "/take" },
        { "POST", SomeTask + "/complete" },
        { "POST", SomeTask + "/fail" },
        { "POST", SomeTask + "/release" },
        { "POST", SomeTask + "/retry" },
        { "POST", SomeTask + "/cancel" },
        { "GET", "/api/v1/users/me" },
    };

    [Fact]
    public async Task EveryOperationInTheOpenApiDocument_IsCoveredHere()
    {
        using var client = Anonymous();
        var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var documented = document.GetProperty("paths").EnumerateObject()
            .Where(path => !path.Name.StartsWith("/api/v1/auth/", StringComparison.Ordinal))
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Order()
            .ToList();
        var covered = ProtectedEndpoints.Select(row => $"{row[0]} {((string)row[1]).Replace(SomeTask, "/api/v1/tasks/{id}", StringComparison.Ordinal)}").Order().ToList();

        Assert.Equal(documented, covered);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task ProtectedEndpoint_WithoutToken_Answers401(string method, string path)
    {
        using var client = Anonymous();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json.Body(new { }) });

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
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
