using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Identity;
using TaskOrchestration.Infrastructure.Realtime;

namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

internal sealed class RefreshTokenRepository(ApplicationDbContext db, AccessStateCache accessStates) : IRefreshTokenRepository
{
    public Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        db.RefreshTokens.FirstOrDefaultAsync(token => token.TokenHash == tokenHash, cancellationToken);

    public void Add(RefreshToken token) => db.RefreshTokens.Add(token);

    public Task RevokeSessionAsync(Guid userId, Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        EndSessionsAsync(
            userId,
            db.RefreshTokens.Where(token => token.UserId == userId && token.FamilyId == sessionId && token.RevokedAt == null),
            now,
            cancellationToken);

    public Task RevokeAllAsync(Guid userId, Guid? exceptFamilyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        EndSessionsAsync(
            userId,
            db.RefreshTokens.Where(token => token.UserId == userId && token.RevokedAt == null && token.FamilyId != exceptFamilyId),
            now,
            cancellationToken);

    /// <summary>
    /// Revokes the tokens and announces the user's access change in one transaction: every API instance hears it
    /// when it commits, and refuses the sessions' access tokens and closes the user's live connections. This
    /// instance forgets the user's cached access state before answering, so its next request cannot race the news.
    /// </summary>
    private async Task EndSessionsAsync(Guid userId, IQueryable<RefreshToken> tokens, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null)
        {
            await tokens.ExecuteUpdateAsync(update => update.SetProperty(token => token.RevokedAt, now), cancellationToken);
            await LiveAccessChanges.SendAsync(db, [userId], cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        accessStates.Forget(userId);
    }
}
