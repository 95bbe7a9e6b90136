using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>Stores refresh tokens (by hash) and revokes whole sessions.</summary>
public interface IRefreshTokenRepository
{
    Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    void Add(RefreshToken token);

    /// <summary>Revokes every token of one session at once, committed immediately (not with the unit of work).</summary>
    Task RevokeFamilyAsync(Guid familyId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes every session of a user but <paramref name="exceptFamilyId"/>, committed immediately.</summary>
    Task RevokeAllAsync(Guid userId, Guid? exceptFamilyId, DateTimeOffset now, CancellationToken cancellationToken);
}
