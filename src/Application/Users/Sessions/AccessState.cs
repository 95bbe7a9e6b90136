using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users.Sessions;

/// <summary>
/// What a signed-in caller may do now, as the database says: a valid signature proves who issued a token, not that
/// the account is still active, the session still open or the role still the one the token names.
/// </summary>
/// <param name="Role">The user's role now.</param>
/// <param name="IsUserActive">False once an admin deactivated the account.</param>
/// <param name="IsSessionOpen">False once the session ended: sign-out, sign-out everywhere, a password change, a
/// refresh token presented twice, or a deactivation.</param>
public sealed record AccessState(UserRole Role, bool IsUserActive, bool IsSessionOpen)
{
    /// <summary>The actor a token of this user and session acts as now, or null when it must be refused.</summary>
    public Actor? ActorFor(Guid userId) => IsUserActive && IsSessionOpen ? new Actor(userId, Role) : null;
}
