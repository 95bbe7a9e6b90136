using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Scheduling;

namespace TaskOrchestration.Application.Cleanup;

/// <summary>
/// "cleanup": deletes what the retention settings say is old, one short transaction per batch, so that a large
/// backlog neither holds locks for long nor grows one transaction without bound. Each run deletes everything old
/// at the time it runs, so a slot that did not run loses nothing.
/// </summary>
public sealed class CleanupJob(IRetentionStore store, CleanupSettings settings, TimeProvider clock) : IScheduledJob
{
    public const string JobName = "cleanup";

    /// <summary>Archived tasks per transaction: each takes its history, comments and assignees with it.</summary>
    public const int TaskBatchSize = 100;

    /// <summary>Rows of the other tables per transaction.</summary>
    public const int RowBatchSize = 1_000;

    public async Task<JobRunSummary> RunAsync(ScheduledSlot slot, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        var changes = 0;
        foreach (var step in Steps(clock.GetUtcNow()))
        {
            var total = 0;
            int batch;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                batch = await step.DeleteBatchAsync(step.BatchSize, cancellationToken);
                total += batch;
            }
            while (batch == step.BatchSize);

            deleted.Add($"{total} {step.What}");
            changes += total;
        }

        return new JobRunSummary($"Deleted {string.Join(", ", deleted)}.", changes);
    }

    /// <summary>What is deleted, in this order; a new table with a retention gets its step here.</summary>
    private IEnumerable<CleanupStep> Steps(DateTimeOffset now) =>
    [
        new("archived tasks", TaskBatchSize, (limit, token) => store.DeleteArchivedTasksAsync(now - settings.ArchivedTaskRetention, limit, token)),
        new("processed events", RowBatchSize, (limit, token) => store.DeleteProcessedEventsAsync(now - settings.ProcessedEventRetention, limit, token)),
        new("consumption records", RowBatchSize, (limit, token) => store.DeleteConsumptionRecordsAsync(now - settings.ProcessedEventRetention, limit, token)),
        new("notifications", RowBatchSize, (limit, token) => store.DeleteNotificationsAsync(now - settings.NotificationRetention, limit, token)),
        new("finished emails", RowBatchSize, (limit, token) => store.DeleteFinishedEmailsAsync(now - settings.EmailRetention, limit, token)),
        new("finished webhook deliveries", RowBatchSize, (limit, token) => store.DeleteFinishedWebhookDeliveriesAsync(now - settings.WebhookDeliveryRetention, limit, token)),
        new("expired idempotency keys", RowBatchSize, (limit, token) => store.DeleteExpiredIdempotencyKeysAsync(now, limit, token)),
        new("schedule runs", RowBatchSize, (limit, token) => store.DeleteScheduleRunsAsync(now - settings.ScheduleRunRetention, limit, token)),
    ];

    /// <param name="What">What it deletes, for the run's summary.</param>
    /// <param name="BatchSize">The most rows one call deletes (one transaction).</param>
    /// <param name="DeleteBatchAsync">Deletes up to that many; answers how many it deleted.</param>
    private sealed record CleanupStep(string What, int BatchSize, Func<int, CancellationToken, Task<int>> DeleteBatchAsync);
}
