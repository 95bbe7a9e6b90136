using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Domain.Common;

/// <summary>Who is acting: the signed-in user and their role, as the rules of the domain need them.</summary>
public sealed record Actor(Guid UserId, UserRole Role)
{
    public bool IsManagerOrAdmin => Role is UserRole.Manager or UserRole.Admin;
}
