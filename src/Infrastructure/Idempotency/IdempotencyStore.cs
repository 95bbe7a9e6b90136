using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Idempotency;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Idempotency;

/// <summary>
/// The key is claimed first, by an insert that waits on the primary key while another transaction holds the same
/// key: so two concurrent repeats cannot both run, and the second one replays the first's committed answer.
/// </summary>
internal sealed class IdempotencyStore(ApplicationDbContext db) : IIdempotencyStore
{
    public async Task<IdempotencyRecord> RunOnceAsync(IdempotencyClaim claim, Func<Task<string>> runAndSerialize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(runAndSerialize);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // A key past its window is taken over as if it were new.
            var claimed = await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO idempotency_keys (user_id, scope, key, request_fingerprint, answer, created_at, expires_at)
                VALUES ({claim.UserId}, {claim.Scope}, {claim.Key}, {claim.RequestFingerprint}, NULL, {claim.Now}, {claim.ExpiresAt})
                ON CONFLICT (user_id, scope, key) DO UPDATE
                    SET request_fingerprint = excluded.request_fingerprint, answer = NULL, created_at = excluded.created_at, expires_at = excluded.expires_at
                    WHERE idempotency_keys.expires_at <= excluded.created_at
                """,
                cancellationToken) == 1;
            if (claimed)
            {
                var answer = await runAndSerialize();
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE idempotency_keys SET answer = {answer} WHERE user_id = {claim.UserId} AND scope = {claim.Scope} AND key = {claim.Key}",
                    cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new IdempotencyRecord(Replayed: false, claim.RequestFingerprint, answer);
            }
        }

        var stored = await db.IdempotencyKeys.AsNoTracking()
            .SingleAsync(record => record.UserId == claim.UserId && record.Scope == claim.Scope && record.Key == claim.Key, cancellationToken);
        return new IdempotencyRecord(Replayed: true, stored.RequestFingerprint, stored.Answer!);
    }
}
