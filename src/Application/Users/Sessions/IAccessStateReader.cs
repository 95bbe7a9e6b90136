namespace TaskOrchestration.Application.Users.Sessions;

/// <summary>
/// Reads <see cref="AccessState"/> for every authenticated request. An implementation may cache, as long as a
/// change committed by any instance (a role, a deactivation, an ended session) is seen by the next request.
/// </summary>
public interface IAccessStateReader
{
    /// <summary>The state of <paramref name="userId"/> and its session <paramref name="sessionId"/>; null when no such user exists.</summary>
    Task<AccessState?> ReadAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken);
}
