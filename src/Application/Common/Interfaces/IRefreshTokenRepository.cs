using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>
/// Stores refresh tokens (by hash) and ends whole sessions. Ending a session also ends its access tokens: every API
/// instance refuses them from the next request on (<see cref="Users.Sessions.IAccessStateReader"/>) and closes the
/// user's live connections.
/// </summary>
public interface IRefreshTokenRepository
{
    Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    void Add(RefreshToken token);

    /// <summary>Ends one session of <paramref name="userId"/> (every token of its family), committed immediately (not with the unit of work).</summary>
    Task RevokeSessionAsync(Guid userId, Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends every session of a user but <paramref name="exceptFamilyId"/>, committed immediately.</summary>
    Task RevokeAllAsync(Guid userId, Guid? exceptFamilyId, DateTimeOffset now, CancellationToken cancellationToken);
}
