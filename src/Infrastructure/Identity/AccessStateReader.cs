using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Users.Sessions;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Identity;

/// <summary>Reads a caller's <see cref="AccessState"/> in one indexed query, through <see cref="AccessStateCache"/>.</summary>
internal sealed class AccessStateReader(ApplicationDbContext db, AccessStateCache cache) : IAccessStateReader
{
    public async Task<AccessState?> ReadAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        if (cache.TryGet(userId, sessionId, out var cached))
        {
            return cached;
        }

        var ticket = cache.BeginRead(userId);
        // A session is open while a token of its family is not revoked: sign-out and every other ending revoke them all.
        var state = await db.Users.AsNoTracking()
            .Where(user => user.Id == userId)
            .Select(user => new AccessState(
                user.Role,
                user.DeactivatedAt == null,
                db.RefreshTokens.Any(token => token.FamilyId == sessionId && token.UserId == userId && token.RevokedAt == null)))
            .FirstOrDefaultAsync(cancellationToken);
        if (state is not null)
        {
            cache.Store(userId, sessionId, state, ticket);
        }

        return state;
    }
}
