using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Events;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// Writes what the task aggregate decided for a whole batch in two statements: one UPDATE of the columns the
/// engine's transitions change, one INSERT of the new history entries, each over unnest()ed arrays. The domain
/// still makes every decision (the tasks were loaded and walked through StartRun, CompleteRun, FailRun or
/// AbandonRun); only the persistence is set-based, because EF Core's per-row statements and change tracking cost
/// the engine most of its throughput (docs/adr/0014). The caller holds the rows locked (FOR UPDATE) in the same
/// transaction, so nothing can have changed them since they were read.
/// </summary>
internal static class TaskBatchWriter
{
    public static async Task WriteAsync(ApplicationDbContext db, IReadOnlyList<TaskItem> tasks, CancellationToken cancellationToken)
    {
        if (tasks.Count == 0)
        {
            return;
        }

        Guid[] ids = [.. tasks.Select(task => task.Id)];
        string[] statuses = [.. tasks.Select(task => Stored(task.Status))];
        Guid?[] owners = [.. tasks.Select(task => task.OwnerId)];
        string?[] leasedBy = [.. tasks.Select(task => task.LeasedBy)];
        DateTimeOffset?[] leaseExpiresAt = [.. tasks.Select(task => task.LeaseExpiresAt)];
        int[] attempts = [.. tasks.Select(task => task.AttemptCount)];
        DateTimeOffset?[] runAfter = [.. tasks.Select(task => task.RunAfter)];
        string?[] failureReasons = [.. tasks.Select(task => task.FailureReason)];
        string?[] results = [.. tasks.Select(task => task.Result)];
        DateTimeOffset[] updatedAt = [.. tasks.Select(task => task.UpdatedAt)];
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE tasks SET status = v.status, owner_id = v.owner_id, leased_by = v.leased_by,
                lease_expires_at = v.lease_expires_at, attempt_count = v.attempt_count, run_after = v.run_after,
                failure_reason = v.failure_reason, result = v.result, updated_at = v.updated_at
            FROM unnest({ids}, {statuses}, {owners}, {leasedBy}, {leaseExpiresAt}, {attempts}, {runAfter}, {failureReasons}, {results}, {updatedAt})
                AS v(id, status, owner_id, leased_by, lease_expires_at, attempt_count, run_after, failure_reason, result, updated_at)
            WHERE tasks.id = v.id
            """,
            cancellationToken);

        // A requeue, a task given back or a lease reaped: the workers that sleep are told, once for the batch.
        await EngineWake.AnnounceAsync(db, tasks, cancellationToken);
        await InsertHistoryAsync(db, tasks, cancellationToken);
    }

    /// <summary>Retention's write: archived_at and updated_at, and the archive entries (see TaskItem.ArchiveEndedRun).</summary>
    public static async Task WriteArchivedAsync(ApplicationDbContext db, IReadOnlyList<TaskItem> tasks, CancellationToken cancellationToken)
    {
        if (tasks.Count == 0)
        {
            return;
        }

        Guid[] ids = [.. tasks.Select(task => task.Id)];
        DateTimeOffset?[] archivedAt = [.. tasks.Select(task => task.ArchivedAt)];
        DateTimeOffset[] updatedAt = [.. tasks.Select(task => task.UpdatedAt)];
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE tasks SET archived_at = v.archived_at, updated_at = v.updated_at
            FROM unnest({ids}, {archivedAt}, {updatedAt}) AS v(id, archived_at, updated_at)
            WHERE tasks.id = v.id
            """,
            cancellationToken);
        await InsertHistoryAsync(db, tasks, cancellationToken);
    }

    /// <summary>The history entries the change added (the tasks were loaded without their history, so all of them).</summary>
    private static async Task InsertHistoryAsync(ApplicationDbContext db, IReadOnlyList<TaskItem> tasks, CancellationToken cancellationToken)
    {
        var entries = tasks.SelectMany(task => task.History).ToList();
        Guid[] entryIds = [.. entries.Select(entry => entry.Id)];
        Guid[] taskIds = [.. entries.Select(entry => entry.TaskId)];
        string[] kinds = [.. entries.Select(entry => Stored(entry.Kind))];
        string?[] from = [.. entries.Select(entry => entry.From is { } status ? Stored(status) : null)];
        string?[] to = [.. entries.Select(entry => entry.To is { } status ? Stored(status) : null)];
        string?[] triggers = [.. entries.Select(entry => entry.Trigger is { } trigger ? Stored(trigger) : null)];
        Guid[] actors = [.. entries.Select(entry => entry.ActorId)];
        DateTimeOffset[] occurredAt = [.. entries.Select(entry => entry.OccurredAt)];
        string?[] reasons = [.. entries.Select(entry => entry.Reason)];
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO task_history (id, task_id, kind, "from", "to", trigger, actor_id, occurred_at, reason)
            SELECT * FROM unnest({entryIds}, {taskIds}, {kinds}, {from}, {to}, {triggers}, {actors}, {occurredAt}, {reasons})
            """,
            cancellationToken);

        await InsertOutboxMessagesAsync(db, tasks, cancellationToken);
    }

    /// <summary>The events the change raised, into the outbox in this transaction (ADR 0016).</summary>
    private static async Task InsertOutboxMessagesAsync(ApplicationDbContext db, IReadOnlyList<TaskItem> tasks, CancellationToken cancellationToken)
    {
        await OutboxWriter.WriteAsync(db, tasks.SelectMany(task => task.DomainEvents.OfType<ITaskEvent>()), cancellationToken);
        foreach (var task in tasks)
        {
            task.ClearDomainEvents();
        }
    }

    /// <summary>The stored word of an enum value, as LowerCaseEnumConverter writes it.</summary>
    private static string Stored<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
