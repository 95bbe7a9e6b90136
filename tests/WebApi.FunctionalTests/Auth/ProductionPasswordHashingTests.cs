using System.Buffers.Binary;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using TaskOrchestration.Application.Users.Commands.IssueToken;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Auth;

/// <summary>
/// The rest of the suite hashes new passwords cheaply (see <see cref="CheapPasswordHashing"/>); here the API runs with
/// its production hasher untouched, so sign-up and sign-in are covered exactly as deployed.
/// </summary>
public sealed class ProductionPasswordHashingTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task SignUpAndSignIn_WorkWithTheProductionHasher_AndAWrongPasswordIsRefused()
    {
        using var production = Factory.WithWebHostBuilder(builder => builder.UseSetting(CheapPasswordHashing.ProductionSetting, "true"));
        using var client = production.CreateClient();
        const string email = "ada@example.com";

        var registered = await client.PostAsync("/api/v1/auth/register", Json.Body(new { email, password = Password, displayName = "Ada" }));
        var signedIn = await client.PostAsync("/api/v1/auth/token", Json.Body(new { email, password = Password }));
        var refused = await client.PostAsync("/api/v1/auth/token", Json.Body(new { email, password = Password + "!" }));

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.False(string.IsNullOrEmpty((await signedIn.ReadAsync<AccessTokenDto>()).AccessToken));
        await Problem.AssertAsync(refused, HttpStatusCode.Unauthorized, "invalid_credentials");
        // The stored hash really is the production one, not the suite's cheap variant (Identity V3 records its work factor).
        Assert.True(await StoredIterationCountAsync(email) >= 100_000);
    }

    private async Task<uint> StoredIterationCountAsync(string email)
    {
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var query = new NpgsqlCommand("SELECT password_hash FROM users WHERE email = @email", connection);
        query.Parameters.AddWithValue("email", email);
        var hash = Convert.FromBase64String((string)(await query.ExecuteScalarAsync())!);
        Assert.Equal(0x01, hash[0]);
        return BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4));
    }
}
