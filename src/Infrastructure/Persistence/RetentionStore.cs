using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// The cleanup job's deletes: each one statement (its own short transaction) over at most <c>limit</c> rows, picked
/// through the index on the column that dates them.
/// </summary>
internal sealed class RetentionStore(ApplicationDbContext db) : IRetentionStore
{
    public Task<int> DeleteArchivedTasksAsync(DateTimeOffset archivedBefore, int limit, CancellationToken cancellationToken) =>
        // Their history, assignees and comments go with them (ON DELETE CASCADE). SKIP LOCKED leaves a task someone
        // is unarchiving right now to the next run; FOR UPDATE reads the row again once locked, so a task unarchived
        // meanwhile is not picked. Outbox rows have no foreign key to tasks: events outlive their task.
        db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM tasks WHERE id IN (
                SELECT id FROM tasks
                WHERE archived_at < {archivedBefore}
                ORDER BY archived_at
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED)
            """,
            cancellationToken);

    public Task<int> DeleteProcessedEventsAsync(DateTimeOffset processedBefore, int limit, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM outbox_messages WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE processed_at < {processedBefore}
                ORDER BY processed_at
                LIMIT {limit})
            """,
            cancellationToken);

    public Task<int> DeleteConsumptionRecordsAsync(DateTimeOffset consumedBefore, int limit, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM consumed_events WHERE (consumer, event_id) IN (
                SELECT consumed.consumer, consumed.event_id FROM consumed_events AS consumed
                WHERE consumed.consumed_at < {consumedBefore}
                  AND NOT EXISTS (
                      SELECT 1 FROM outbox_messages AS message
                      WHERE message.id = consumed.event_id AND message.processed_at IS NULL)
                ORDER BY consumed.consumed_at
                LIMIT {limit})
            """,
            cancellationToken);

    public Task<int> DeleteNotificationsAsync(DateTimeOffset writtenBefore, int limit, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM notifications WHERE id IN (
                SELECT id FROM notifications
                WHERE created_at < {writtenBefore}
                ORDER BY created_at
                LIMIT {limit})
            """,
            cancellationToken);

    public Task<int> DeleteFinishedEmailsAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken) =>
        // Each condition has its partial index; no order is needed, every row picked is old enough.
        db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM outgoing_emails WHERE id IN (
                SELECT id FROM outgoing_emails
                WHERE sent_at < {finishedBefore} OR gave_up_at < {finishedBefore}
                LIMIT {limit})
            """,
            cancellationToken);

    public Task<int> DeleteFinishedWebhookDeliveriesAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM webhook_deliveries WHERE id IN (
                SELECT id FROM webhook_deliveries
                WHERE status <> 'pending' AND last_attempt_at < {finishedBefore}
                ORDER BY last_attempt_at
                LIMIT {limit})
            """,
            cancellationToken);

    public Task<int> DeleteExpiredIdempotencyKeysAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        // A key past its window is taken over by its next use anyway (IdempotencyStore); SKIP LOCKED leaves one that
        // is being taken over right now.
        db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM idempotency_keys WHERE (user_id, scope, key) IN (
                SELECT user_id, scope, key FROM idempotency_keys
                WHERE expires_at < {now}
                ORDER BY expires_at
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED)
            """,
            cancellationToken);

    public Task<int> DeleteScheduleRunsAsync(DateTimeOffset slotBefore, int limit, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM schedule_runs WHERE (job, slot) IN (
                SELECT run.job, run.slot FROM schedule_runs AS run
                WHERE run.slot < {slotBefore}
                  AND EXISTS (SELECT 1 FROM schedule_runs AS later WHERE later.job = run.job AND later.slot > run.slot)
                ORDER BY run.slot
                LIMIT {limit})
            """,
            cancellationToken);
}
