using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Users;

/// <summary>
/// What a user may see changed: they joined or left a team, their role changed, or their account was deactivated.
/// Whatever was handed out on the old terms (live connections, ADR 0018) has to be taken back.
/// </summary>
public sealed record UserAccessChanged(Guid UserId, DateTimeOffset OccurredAt) : IDomainEvent;
