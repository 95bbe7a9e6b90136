using System.Diagnostics;
using System.Text.Json;
using TaskOrchestration.Application.Users.Commands.IssueToken;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Auth;

public sealed class TokenDiscoveryTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Jwks_PublishesThePublicSigningKeyOnly()
    {
        using var client = Anonymous();

        var keys = JsonDocument.Parse(await client.GetStringAsync("/.well-known/jwks.json")).RootElement.GetProperty("keys");

        var key = Assert.Single(keys.EnumerateArray());
        Assert.Equal(("RSA", "sig", "RS256", "test-key"), (key.GetProperty("kty").GetString(), key.GetProperty("use").GetString(), key.GetProperty("alg").GetString(), key.GetProperty("kid").GetString()));
        Assert.False(key.TryGetProperty("d", out _), "The private exponent must never be published.");
    }

    [Fact]
    public async Task Discovery_NamesTheIssuerAndTheJwksUri()
    {
        using var client = Anonymous();

        var document = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration")).RootElement;

        Assert.Equal("TaskOrchestration", document.GetProperty("issuer").GetString());
        Assert.EndsWith("/.well-known/jwks.json", document.GetProperty("jwks_uri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherProcess_KnowingOnlyTheJwksUrl_ValidatesOurToken()
    {
        var user = await SignUpAsync();
        using var server = Factory.WithWebHostBuilder(_ => { });
        server.UseKestrel(0);
        server.StartServer();
        using var client = server.CreateClient();
        var token = await (await client.PostAsync("/api/v1/auth/token", Json.Body(new { email = user.Email, password = Password }))).ReadAsync<AccessTokenDto>();
        var jwksUrl = new Uri(client.BaseAddress!, "/.well-known/jwks.json").ToString();

        var (exitCode, output) = await VerifyInAnotherProcessAsync(jwksUrl, token.AccessToken);
        var (tamperedExit, _) = await VerifyInAnotherProcessAsync(jwksUrl, token.AccessToken[..^4] + "AAAA");

        Assert.True(exitCode == 0, output);
        Assert.Contains(user.Id.ToString(), output, StringComparison.Ordinal);
        Assert.Equal(1, tamperedExit);
    }

    private static async Task<(int ExitCode, string Output)> VerifyInAnotherProcessAsync(string jwksUrl, string token)
    {
        var verifier = Path.Combine(AppContext.BaseDirectory, "TaskOrchestration.JwksVerifier.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { verifier, jwksUrl, "TaskOrchestration", "TaskOrchestration", token },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
