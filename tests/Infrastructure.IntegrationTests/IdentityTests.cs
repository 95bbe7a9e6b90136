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
    public async Task AccessToken_IsSignedRs256WithTheActiveKeyId_AndCarriesTheUser()
    {
        using var keys = new TemporaryFolder();
        SigningKeys.CreateKeyFile(keys.Path, "2026-01-01");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var services = InfrastructureServices.Build(
            new Dictionary<string, string?> { ["Jwt:KeysPath"] = keys.Path, ["Jwt:AccessTokenLifetimeMinutes"] = "15" },
            configure: collection => collection.AddSingleton<TimeProvider>(clock));
        var user = User.Register("ada@example.com", "Ada", "hash", UserRole.Manager, clock.GetUtcNow());

        var issued = services.GetRequiredService<IAccessTokenIssuer>().Issue(user, Guid.NewGuid());

        Assert.Equal(900, issued.ExpiresInSeconds);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(issued.Token, new TokenValidationParameters
        {
            ValidIssuer = "TaskOrchestration",
            ValidAudience = "TaskOrchestration",
            IssuerSigningKeys = services.GetRequiredService<SigningKeys>().PublicJsonWebKeys,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal(("RS256", "2026-01-01"), (token.Alg, token.Kid));
        Assert.Equal(user.Id.ToString(), token.Subject);
        Assert.Equal("manager", token.GetClaim("role").Value);
        Assert.Equal("ada@example.com", token.GetClaim("email").Value);
        Assert.Equal(TimeSpan.FromMinutes(15), token.ValidTo - token.ValidFrom);
    }

    [Fact]
    public void Keys_OutsideDevelopment_MustBeConfigured_AndBeRealRsaKeys()
    {
        using var empty = new TemporaryFolder();
        Assert.Throws<InvalidOperationException>(() => SigningKeys.Load(new JwtOptions(), isDevelopment: false));
        Assert.Throws<InvalidOperationException>(() => SigningKeys.Load(new JwtOptions { KeysPath = empty.Path }, isDevelopment: false));

        var garbage = new JwtOptions();
        garbage.Keys.Add(new ConfiguredSigningKey { Id = "bad", PrivateKeyPem = "not a key" });
        Assert.Throws<InvalidOperationException>(() => SigningKeys.Load(garbage, isDevelopment: false));

        var weak = new JwtOptions();
        using var small = RSA.Create(1024);
        weak.Keys.Add(new ConfiguredSigningKey { Id = "weak", PrivateKeyPem = small.ExportPkcs8PrivateKeyPem() });
        Assert.Throws<InvalidOperationException>(() => SigningKeys.Load(weak, isDevelopment: false));
    }

    [Fact]
    public void Keys_FromConfiguration_AreLoaded()
    {
        using var rsa = RSA.Create(2048);
        var options = new JwtOptions();
        options.Keys.Add(new ConfiguredSigningKey { Id = "configured", PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem() });

        var keys = SigningKeys.Load(options, isDevelopment: false);

        Assert.Equal("configured", keys.Active.KeyId);
    }

    [Fact]
    public void Rotation_TheNewestKeySigns_AndEveryKeyIsPublished()
    {
        using var folder = new TemporaryFolder();
        SigningKeys.CreateKeyFile(folder.Path, "2026-01-01");
        SigningKeys.CreateKeyFile(folder.Path, "2026-06-01");

        var keys = SigningKeys.Load(new JwtOptions { KeysPath = folder.Path }, isDevelopment: false);
        var pinned = SigningKeys.Load(new JwtOptions { KeysPath = folder.Path, ActiveKeyId = "2026-01-01" }, isDevelopment: false);

        Assert.Equal("2026-06-01", keys.Active.KeyId);
        Assert.Equal(["2026-01-01", "2026-06-01"], keys.PublicJsonWebKeys.Select(key => key.Kid));
        Assert.All(keys.PublicJsonWebKeys, key => Assert.False(key.HasPrivateKey));
        Assert.Equal("2026-01-01", pinned.Active.KeyId);
    }

    [Fact]
    public void Keys_InDevelopment_AreGeneratedOnceOutsideTheRepository_AndReused()
    {
        using var folder = new TemporaryFolder();
        var options = new JwtOptions { KeysPath = System.IO.Path.Combine(folder.Path, "nested") };

        var first = SigningKeys.Load(options, isDevelopment: true);
        var second = SigningKeys.Load(options, isDevelopment: true);

        var file = Assert.Single(Directory.GetFiles(options.KeysPath, "*.pem"));
        Assert.Equal(first.Active.KeyId, second.Active.KeyId);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    private sealed class TemporaryFolder : IDisposable
    {
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("taskorch-keys-");

        public string Path => _folder.FullName;

        public void Dispose() => _folder.Delete(recursive: true);
    }
}
