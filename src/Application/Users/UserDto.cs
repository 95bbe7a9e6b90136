using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users;

/// <summary>A user as clients see them.</summary>
public sealed class UserDto
{
    /// <summary>The user's id.</summary>
    public Guid Id { get; init; }

    /// <summary>The email address, in lower case.</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>The name shown to others.</summary>
    public string DisplayName { get; init; } = string.Empty;

    /// <summary>What the user may do.</summary>
    public UserRole Role { get; init; }

    /// <summary>When the user registered.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>False once an admin deactivated the account.</summary>
    public bool IsActive { get; init; }
}
