namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>
/// Deletes what the cleanup job says is old. Each call deletes at most <c>limit</c> rows in one short transaction
/// and answers how many it deleted; the job calls again while batches come back full.
/// </summary>
public interface IRetentionStore
{
    /// <summary>Tasks archived before <paramref name="archivedBefore"/>, with their history, comments and assignees.</summary>
    Task<int> DeleteArchivedTasksAsync(DateTimeOffset archivedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Outbox events every consumer had before <paramref name="processedBefore"/> (parked and pending events stay).</summary>
    Task<int> DeleteProcessedEventsAsync(DateTimeOffset processedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Consumers' records of events consumed before <paramref name="consumedBefore"/>, only for events that can no
    /// longer be delivered again (processed, or gone): a pending or parked event may still be redelivered or
    /// replayed, and the record is what keeps its consumer from acting on it twice.
    /// </summary>
    Task<int> DeleteConsumptionRecordsAsync(DateTimeOffset consumedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Notifications written before <paramref name="writtenBefore"/>, read or not.</summary>
    Task<int> DeleteNotificationsAsync(DateTimeOffset writtenBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Emails sent, or given up on, before <paramref name="finishedBefore"/> (queued ones stay, however old).</summary>
    Task<int> DeleteFinishedEmailsAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Webhook deliveries that succeeded or failed with a last attempt before <paramref name="finishedBefore"/> (pending ones stay).</summary>
    Task<int> DeleteFinishedWebhookDeliveriesAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Idempotency keys whose window ended before <paramref name="now"/>.</summary>
    Task<int> DeleteExpiredIdempotencyKeysAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The scheduler's runs of slots before <paramref name="slotBefore"/>, except each job's latest: that one says
    /// its slot ran, and without it the slot would look due again.
    /// </summary>
    Task<int> DeleteScheduleRunsAsync(DateTimeOffset slotBefore, int limit, CancellationToken cancellationToken);
}
