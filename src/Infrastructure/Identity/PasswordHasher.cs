using Microsoft.AspNetCore.Identity;
using TaskOrchestration.Domain.Users;
using IApplicationPasswordHasher = TaskOrchestration.Application.Common.Interfaces.IPasswordHasher;

namespace TaskOrchestration.Infrastructure.Identity;

/// <summary>ASP.NET Core Identity's hasher: PBKDF2 with HMAC-SHA512, 100,000 iterations, a random salt per hash.</summary>
internal sealed class PasswordHasher : IApplicationPasswordHasher
{
    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>A real hash of a random password: verifying against it costs what a real check costs.</summary>
    private static readonly Lazy<string> UnknownAccountHash = new(() => Hasher.HashPassword(null!, Guid.NewGuid().ToString("N")));

    public string Hash(string password) => Hasher.HashPassword(null!, password);

    public bool Verify(string? hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(null!, hash ?? UnknownAccountHash.Value, password);
        return hash is not null && result != PasswordVerificationResult.Failed;
    }
}
