using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Infrastructure.Identity;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>
/// Where the token signing keys come from (docs/adr/0010, which replaced the symmetric key of 0008): configured
/// outside Development, generated once into the keys folder in Development.
/// </summary>
public sealed class SigningKeysTests
{
    [Fact]
    public void OutsideDevelopment_NoKey_IsAnError()
    {
        using var empty = new TemporaryFolder();

        Assert.Throws<InvalidOperationException>(() => SigningKeys.Load(new JwtOptions(), isDevelopment: false));
        Assert.Throws<InvalidOperationException>(() => SigningKeys.Load(new JwtOptions { KeysPath = empty.Path }, isDevelopment: false));
        Assert.Empty(Directory.GetFiles(empty.Path));
    }

    [Fact]
    public void OutsideDevelopment_TheHostRefusesToIssueTokens_WithoutAKey()
    {
        using var services = InfrastructureServices.Build(new Dictionary<string, string?>(), environment: "Production");

        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IAccessTokenIssuer>());
    }

    [Fact]
    public void AKeyWeakerThan2048Bits_OrNotAKey_IsAnError()
    {
        using var small = RSA.Create(1024);
        var weak = new JwtOptions();
        weak.Keys.Add(new ConfiguredSigningKey { Id = "weak", PrivateKeyPem = small.ExportPkcs8PrivateKeyPem() });
        var garbage = new JwtOptions();
        garbage.Keys.Add(new ConfiguredSigningKey { Id = "bad", PrivateKeyPem = "not a key" });

        Assert.Throws<InvalidOperationException>(() => SigningKeys.Load(weak, isDevelopment: false));
        Assert.Throws<InvalidOperationException>(() => SigningKeys.Load(weak, isDevelopment: true));
        Assert.Throws<InvalidOperationException>(() => SigningKeys.Load(garbage, isDevelopment: false));
    }

    [Fact]
    public void AConfiguredKey_IsLoaded()
    {
        using var rsa = RSA.Create(2048);
        var options = new JwtOptions();
        options.Keys.Add(new ConfiguredSigningKey { Id = "configured", PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem() });

        var keys = SigningKeys.Load(options, isDevelopment: false);

        Assert.Equal("configured", keys.Active.KeyId);
        Assert.Equal(rsa.ExportParameters(false).Modulus, keys.Active.Rsa.ExportParameters(false).Modulus);
    }

    [Fact]
    public void InDevelopment_AKeyFileIsCreatedInTheConfiguredFolder_OwnerOnly_AndReusedNextTime()
    {
        using var folder = new TemporaryFolder();
        var options = new JwtOptions { KeysPath = Path.Combine(folder.Path, "nested") };

        var first = SigningKeys.Load(options, isDevelopment: true);
        var file = Assert.Single(Directory.GetFiles(options.KeysPath, "*.pem"));
        var second = SigningKeys.Load(options, isDevelopment: true);

        Assert.Equal(file, Assert.Single(Directory.GetFiles(options.KeysPath, "*.pem")));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), first.Active.KeyId);
        Assert.Equal(first.Active.KeyId, second.Active.KeyId);
        Assert.Equal(first.Active.Rsa.ExportParameters(false).Modulus, second.Active.Rsa.ExportParameters(false).Modulus);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void Rotation_TheNewestKeySigns_EveryKeyValidates_AndOnlyPublicHalvesArePublished()
    {
        using var folder = new TemporaryFolder();
        SigningKeys.CreateKeyFile(folder.Path, "2026-01-01");
        SigningKeys.CreateKeyFile(folder.Path, "2026-06-01");

        var keys = SigningKeys.Load(new JwtOptions { KeysPath = folder.Path }, isDevelopment: false);
        var pinned = SigningKeys.Load(new JwtOptions { KeysPath = folder.Path, ActiveKeyId = "2026-01-01" }, isDevelopment: false);

        Assert.Equal("2026-06-01", keys.Active.KeyId);
        Assert.Equal(["2026-01-01", "2026-06-01"], keys.All.Select(key => key.KeyId));
        Assert.Equal(["2026-01-01", "2026-06-01"], keys.PublicJsonWebKeys.Select(key => key.Kid));
        Assert.All(keys.PublicJsonWebKeys, key => Assert.False(key.HasPrivateKey));
        Assert.Equal("2026-01-01", pinned.Active.KeyId);
        Assert.Throws<InvalidOperationException>(() => SigningKeys.Load(new JwtOptions { KeysPath = folder.Path, ActiveKeyId = "unknown" }, isDevelopment: false));
    }
}
