using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.DatabaseFailures;
using TaskOrchestration.Application.Users.Sessions;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Identity;

/// <summary>
/// Reads a caller's <see cref="AccessState"/> in one indexed query, through <see cref="AccessStateCache"/>. The read
/// changes nothing, so a passing database failure (a restart) is waited out as a use case's would be (ADR 0023)
/// before the request is answered 503.
/// </summary>
internal sealed class AccessStateReader(ApplicationDbContext db, AccessStateCache cache, IDatabaseFailureClassifier failures, TimeProvider clock)
    : IAccessStateReader
{
    public async Task<AccessState?> ReadAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        if (cache.TryGet(userId, sessionId, out var cached))
        {
            return cached;
        }

        var ticket = cache.BeginRead(userId);
        var state = await ReadFromDatabaseAsync(userId, sessionId, cancellationToken);
        if (state is not null)
        {
            cache.Store(userId, sessionId, state, ticket);
        }

        return state;
    }

    private async Task<AccessState?> ReadFromDatabaseAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A session is open while a token of its family is not revoked: every way a session ends revokes them all.
                return await db.Users.AsNoTracking()
                    .Where(user => user.Id == userId)
                    .Select(user => new AccessState(
                        user.Role,
                        user.DeactivatedAt == null,
                        db.RefreshTokens.Any(token => token.FamilyId == sessionId && token.UserId == userId && token.RevokedAt == null)))
                    .FirstOrDefaultAsync(cancellationToken);
            }
            catch (Exception exception) when (attempt < TransientRetry.MaxAttempts
                && !cancellationToken.IsCancellationRequested
                && failures.Classify(exception) == DatabaseFailureKind.Transient)
            {
                await Task.Delay(TransientRetry.Backoff.DelayAfter(attempt, Random.Shared), clock, cancellationToken);
            }
        }
    }
}
