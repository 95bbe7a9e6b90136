using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>The user the current request acts for, if any.</summary>
public interface ICurrentUser
{
    /// <summary>The signed-in user as the domain sees them, or null when anonymous.</summary>
    Actor? Actor { get; }

    /// <summary>The sign-in session (refresh-token family) the access token belongs to.</summary>
    Guid? SessionId { get; }
}
