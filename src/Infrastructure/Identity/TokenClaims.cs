using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.Identity;

/// <summary>The claim names in our tokens; inbound claim mapping is off, so they arrive as written.</summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Name = "name";
    public const string Role = "role";

    /// <summary>The session (refresh-token family) the access token belongs to.</summary>
    public const string SessionId = "sid";

    /// <summary>How a role is written in the <see cref="Role"/> claim ("member", "manager", "admin").</summary>
    public static string RoleValue(UserRole role) => role.ToString().ToLowerInvariant();
}
