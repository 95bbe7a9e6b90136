using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Identity;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>
/// The IAccessTokenIssuer of AddInfrastructure, with a FakeTimeProvider as its clock, checked by an independent
/// JsonWebTokenHandler (which judges lifetimes by the real clock).
/// </summary>
public sealed class JwtAccessTokenIssuerTests : IDisposable
{
    private const string Issuer = "https://issuer.test";
    private const string Audience = "task-orchestration-tests";
    private const int LifetimeMinutes = 7;

    private readonly TemporaryFolder _keys = new();

    public JwtAccessTokenIssuerTests()
    {
        SigningKeys.CreateKeyFile(_keys.Path, "2026-01-01");
    }

    /// <summary>Now, to the second (token times are whole seconds).</summary>
    private static DateTimeOffset RealNow => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public void Dispose() => _keys.Dispose();

    [Fact]
    public async Task TheToken_IsValidForTheSameKeyIssuerAndAudience_AndCarriesTheUser()
    {
        var clock = new FakeTimeProvider(RealNow);
        using var services = Build(clock);
        var user = User.Register("Ada@Example.com", "Ada Lovelace", "hash", UserRole.Manager, clock.GetUtcNow());
        var session = Guid.NewGuid();

        var issued = services.GetRequiredService<IAccessTokenIssuer>().Issue(user, session);
        var result = await ValidateAsync(services, issued.Token);

        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal((SigningKeys.Algorithm, "2026-01-01"), (token.Alg, token.Kid));
        Assert.Equal((Issuer, Audience), (token.Issuer, Assert.Single(token.Audiences)));
        Assert.Equal(user.Id.ToString(), token.Subject);
        Assert.Equal("ada@example.com", token.GetClaim(TokenClaims.Email).Value);
        Assert.Equal("Ada Lovelace", token.GetClaim(TokenClaims.Name).Value);
        Assert.Equal("manager", token.GetClaim(TokenClaims.Role).Value);
        Assert.Equal(session.ToString(), token.GetClaim(TokenClaims.SessionId).Value);
    }

    [Fact]
    public void TheToken_LivesTheConfiguredLifetime_FromTheClocksNow()
    {
        var start = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        using var services = Build(clock);
        var user = User.Register("ada@example.com", "Ada", "hash", UserRole.Member, start);

        var issued = services.GetRequiredService<IAccessTokenIssuer>().Issue(user, Guid.NewGuid());
        var token = new JsonWebToken(issued.Token);

        Assert.Equal(LifetimeMinutes * 60, issued.ExpiresInSeconds);
        Assert.Equal(start.UtcDateTime, token.IssuedAt);
        Assert.Equal(start.UtcDateTime, token.ValidFrom);
        Assert.Equal(start.AddMinutes(LifetimeMinutes).UtcDateTime, token.ValidTo);
    }

    [Fact]
    public async Task ATokenIssuedLongerThanItsLifetimeAgo_IsExpired_AndOneIssuedJustWithinIt_IsNot()
    {
        var clock = new FakeTimeProvider(RealNow.AddMinutes(-LifetimeMinutes - 1));
        using var services = Build(clock);
        var user = User.Register("ada@example.com", "Ada", "hash", UserRole.Member, clock.GetUtcNow());
        var issuer = services.GetRequiredService<IAccessTokenIssuer>();

        var stale = issuer.Issue(user, Guid.NewGuid());
        clock.Advance(TimeSpan.FromMinutes(2));
        var fresh = issuer.Issue(user, Guid.NewGuid());

        var expired = await ValidateAsync(services, stale.Token);
        Assert.False(expired.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(expired.Exception);
        var stillValid = await ValidateAsync(services, fresh.Token);
        Assert.True(stillValid.IsValid, stillValid.Exception?.Message);
    }

    [Fact]
    public async Task TheToken_IsRefusedWithAnotherKey_OrForAnotherAudience()
    {
        using var services = Build(new FakeTimeProvider(RealNow));
        var user = User.Register("ada@example.com", "Ada", "hash", UserRole.Member, RealNow);
        var issued = services.GetRequiredService<IAccessTokenIssuer>().Issue(user, Guid.NewGuid());
        using var otherRsa = RSA.Create(2048);

        Assert.False((await ValidateAsync(services, issued.Token, keys: [new RsaSecurityKey(otherRsa) { KeyId = "2026-01-01" }])).IsValid);
        Assert.False((await ValidateAsync(services, issued.Token, audience: "someone-else")).IsValid);
        Assert.True((await ValidateAsync(services, issued.Token)).IsValid);
    }

    private ServiceProvider Build(FakeTimeProvider clock) => InfrastructureServices.Build(
        new Dictionary<string, string?>
        {
            ["Jwt:KeysPath"] = _keys.Path,
            ["Jwt:Issuer"] = Issuer,
            ["Jwt:Audience"] = Audience,
            ["Jwt:AccessTokenLifetimeMinutes"] = LifetimeMinutes.ToString(CultureInfo.InvariantCulture),
        },
        configure: collection => collection.AddSingleton<TimeProvider>(clock));

    private static Task<TokenValidationResult> ValidateAsync(ServiceProvider services, string token, IEnumerable<SecurityKey>? keys = null, string audience = Audience) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = keys ?? services.GetRequiredService<SigningKeys>().PublicJsonWebKeys,
            ValidAlgorithms = [SigningKeys.Algorithm],
            ClockSkew = TimeSpan.Zero,
        });
}
