using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>The IPasswordHasher that AddInfrastructure registers: ASP.NET Core Identity's PBKDF2 (format V3).</summary>
public sealed class PasswordHasherTests
{
    private const string Password = "correct-horse-battery";

    [Fact]
    public void AHash_VerifiesTheRightPassword_AndNoOther()
    {
        using var services = InfrastructureServices.Build(new Dictionary<string, string?>());
        var hasher = services.GetRequiredService<IPasswordHasher>();

        var hash = hasher.Hash(Password);

        Assert.True(hasher.Verify(hash, Password));
        Assert.False(hasher.Verify(hash, "wrong-horse-battery"));
        Assert.False(hasher.Verify(hash, Password.ToUpperInvariant()));
        Assert.False(hasher.Verify(hash, string.Empty));
    }

    [Fact]
    public void NoHash_VerifiesNothing()
    {
        using var services = InfrastructureServices.Build(new Dictionary<string, string?>());
        var hasher = services.GetRequiredService<IPasswordHasher>();

        Assert.False(hasher.Verify(null, Password));
        Assert.False(hasher.Verify(null, string.Empty));
    }

    [Fact]
    public void TheHash_IsNotThePassword_ButIdentityV3_Salted()
    {
        using var services = InfrastructureServices.Build(new Dictionary<string, string?>());
        var hasher = services.GetRequiredService<IPasswordHasher>();

        var hash = hasher.Hash(Password);
        var bytes = Convert.FromBase64String(hash);

        Assert.DoesNotContain(Password, hash, StringComparison.Ordinal);
        Assert.Equal(0x01, bytes[0]); // Identity V3: PBKDF2 with a per-hash salt and its parameters in the header.
        Assert.NotEqual(hash, hasher.Hash(Password));
        Assert.True(hasher.Verify(hasher.Hash(Password), Password));
    }
}
