using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Identity;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

public sealed class IdentityTests
{
    private static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

    [Fact]
    public void PasswordHasher_UsesASaltedKdf_AndVerifiesOnlyTheRightPassword()
    {
        using var services = InfrastructureServices.Build(new Dictionary<string, string?>());
        var hasher = services.GetRequiredService<IPasswordHasher>();

        var hash = hasher.Hash("correct-horse-battery");

        Assert.Equal(0x01, Convert.FromBase64String(hash)[0]); // ASP.NET Core Identity V3: PBKDF2 with a salt.
        Assert.NotEqual(hash, hasher.Hash("correct-horse-battery"));
        Assert.True(hasher.Verify(hash, "correct-horse-battery"));
        Assert.False(hasher.Verify(hash, "wrong-horse-battery"));
        Assert.False(hasher.Verify(null, "correct-horse-battery"));
    }

    [Fact]
    public async Task AccessToken_IsValidForItsIssuerAudienceAndLifetime_AndCarriesTheUser()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var services = InfrastructureServices.Build(
            new Dictionary<string, string?> { ["Jwt:SigningKey"] = SigningKey, ["Jwt:AccessTokenLifetimeMinutes"] = "15" },
            configure: collection => collection.AddSingleton<TimeProvider>(clock));
        var user = User.Register("ada@example.com", "Ada", "hash", UserRole.Manager, clock.GetUtcNow());

        var issued = services.GetRequiredService<IAccessTokenIssuer>().Issue(user);

        Assert.Equal(900, issued.ExpiresInSeconds);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(issued.Token, new TokenValidationParameters
        {
            ValidIssuer = "TaskOrchestration",
            ValidAudience = "TaskOrchestration",
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(SigningKey)),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal(user.Id.ToString(), token.Subject);
        Assert.Equal("manager", token.GetClaim("role").Value);
        Assert.Equal("ada@example.com", token.GetClaim("email").Value);
        Assert.Equal(TimeSpan.FromMinutes(15), token.ValidTo - token.ValidFrom);
    }

    [Fact]
    public void SigningKey_OutsideDevelopment_MustBeConfigured()
    {
        Assert.Throws<InvalidOperationException>(() => SigningKeySource.Resolve(new JwtOptions(), isDevelopment: false));
        Assert.Throws<InvalidOperationException>(() => SigningKeySource.Resolve(new JwtOptions { SigningKey = Convert.ToBase64String(new byte[16]) }, isDevelopment: false));
        Assert.Throws<InvalidOperationException>(() => SigningKeySource.Resolve(new JwtOptions { SigningKey = "not base64!" }, isDevelopment: false));
        Assert.Equal(64, SigningKeySource.Resolve(new JwtOptions { SigningKey = SigningKey }, isDevelopment: false).Key.Length);
    }

    [Fact]
    public void SigningKey_InDevelopment_IsGeneratedOnceOutsideTheRepository_AndReused()
    {
        var folder = Directory.CreateTempSubdirectory("taskorch-key-");
        try
        {
            var options = new JwtOptions { DevelopmentKeyPath = Path.Combine(folder.FullName, "nested", "jwt-signing-key") };

            var first = SigningKeySource.Resolve(options, isDevelopment: true);
            var second = SigningKeySource.Resolve(options, isDevelopment: true);

            Assert.True(File.Exists(options.DevelopmentKeyPath));
            Assert.Equal(first.Key, second.Key);
            Assert.True(first.Key.Length >= 32);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(options.DevelopmentKeyPath));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
