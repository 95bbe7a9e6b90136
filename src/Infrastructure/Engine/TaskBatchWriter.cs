using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Events;
using TaskOrchestration.Infrastructure.Hosting;
using TaskOrchestration.Infrastructure.Persistence;
using TaskOrchestration.Infrastructure.Persistence.Configurations;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// Writes what the task aggregate decided for a whole batch in one round trip (a <see cref="StatementBatch"/>): one
/// UPDATE of the columns the engine's transitions change and one INSERT of the new history entries, each over
/// unnest()ed arrays, one INSERT of the outbox events, and the wake-up NOTIFY when any task became runnable. The domain
/// still makes every decision (the tasks were loaded and walked through StartRun, CompleteRun, FailRun or
/// AbandonRun); only the persistence is set-based, because EF Core's per-row statements and change tracking cost
/// the engine most of its throughput (docs/adr/0014). The caller holds the rows locked (FOR UPDATE) in the same
/// transaction, so nothing can have changed them since they were read. The statements' tables, columns and stored
/// values (an enum's word) are the EF model's (<see cref="ModelColumn{TRow}"/>), built once per model.
/// </summary>
internal static class TaskBatchWriter
{
    private static readonly ConditionalWeakTable<IModel, Statements> ByModel = new();

    /// <summary>
    /// Attempts that ended (an outcome, a lost lease, a give-back): the tasks' rows, their work items (released, or
    /// deleted when the task ended: <see cref="WorkItemWrites"/>), history and events.
    /// </summary>
    public static Task WriteAsync(ApplicationDbContext db, IReadOnlyList<TaskItem> tasks, CancellationToken cancellationToken)
    {
        var batch = new StatementBatch();
        var statements = StatementsOf(db);
        statements.Transitions.AddTo(batch, tasks);
        // Before the items go: each entry records when its attempt was taken, read from the item (taken_at).
        statements.AttemptEnds.AddTo(batch, [.. tasks.SelectMany(task => task.History)]);
        WorkItemWrites.AddAfterAttempts(db, batch, tasks);
        // A requeue, a task given back or a lease reaped: the workers that sleep are told, once for the batch.
        EngineWake.Announce(batch, tasks);
        return WriteEventsAsync(db, batch, tasks, cancellationToken);
    }

    /// <summary>
    /// A claim, after what <paramref name="batch"/> already holds, in the same round trip: the events of the tasks
    /// started, and no task row and no history row. The lease is on their work items (which the batch holds), and so is
    /// the take: the history shows it from the item while the attempt runs, and from the attempt's last entry, which
    /// keeps when it was taken (taken_at), once it ended (task_history_entries, ADR 0031).
    /// </summary>
    public static Task WriteClaimedAsync(ApplicationDbContext db, StatementBatch batch, IReadOnlyList<TaskItem> tasks, CancellationToken cancellationToken) =>
        WriteEventsAsync(db, batch, tasks, cancellationToken);

    /// <summary>Retention's write: archived_at and updated_at, and the archive entries (see TaskItem.ArchiveEndedRun).</summary>
    public static Task WriteArchivedAsync(ApplicationDbContext db, IReadOnlyList<TaskItem> tasks, CancellationToken cancellationToken)
    {
        var batch = new StatementBatch();
        var statements = StatementsOf(db);
        statements.Archivals.AddTo(batch, tasks);
        statements.History.AddTo(batch, [.. tasks.SelectMany(task => task.History)]);
        return WriteEventsAsync(db, batch, tasks, cancellationToken);
    }

    /// <summary>The statements for <paramref name="db"/>'s model: built on its first batch, then reused.</summary>
    internal static Statements StatementsOf(ApplicationDbContext db) =>
        ByModel.GetValue(db.Model, model => new Statements(model, db.GetService<ISqlGenerationHelper>()));

    /// <summary>
    /// Adds the events the change raised (into the outbox in this transaction, ADR 0016), and sends the whole batch in
    /// one round trip.
    /// </summary>
    private static async Task WriteEventsAsync(ApplicationDbContext db, StatementBatch batch, IReadOnlyList<TaskItem> tasks, CancellationToken cancellationToken)
    {
        if (tasks.Count == 0)
        {
            // Whatever the caller put in the batch before still goes.
            await batch.ExecuteAsync(db, cancellationToken);
            return;
        }

        OutboxWriter.Add(batch, tasks.SelectMany(task => task.DomainEvents.OfType<ITaskEvent>()));
        db.WakeOnCommit(WokenQueues.Outbox);
        await batch.ExecuteAsync(db, cancellationToken);
        foreach (var task in tasks)
        {
            task.ClearDomainEvents();
        }
    }

    /// <summary>The writer's three statements, in the terms of one model.</summary>
    internal sealed class Statements
    {
        public Statements(IModel model, ISqlGenerationHelper sql)
        {
            ModelColumn<TaskItem> TaskColumn<TValue>(Expression<Func<TaskItem, TValue>> member) => ModelColumn<TaskItem>.Of(model, sql, member);
            ModelColumn<TaskHistoryEntry> EntryColumn<TValue>(Expression<Func<TaskHistoryEntry, TValue>> member) => ModelColumn<TaskHistoryEntry>.Of(model, sql, member);

            // What an attempt's end (CompleteRun, FailRun, AbandonRun) changes; the input and the maximum of attempts
            // never change there, and writing the input back would cost the hot path its bytes. A claim (StartRun)
            // writes no task row: its lease is on the task's work item.
            Transitions = UnnestStatement<TaskItem>.Update(
                model,
                sql,
                TaskColumn(task => task.Id),
                TaskColumn(task => task.Status),
                TaskColumn(task => task.OwnerId),
                TaskColumn(task => task.Run.AttemptCount),
                TaskColumn(task => task.Run.RunAfter),
                TaskColumn(task => task.FailureReason),
                TaskColumn(task => task.Result),
                TaskColumn(task => task.UpdatedAt));
            Archivals = UnnestStatement<TaskItem>.Update(model, sql, TaskColumn(task => task.Id), TaskColumn(task => task.ArchivedAt), TaskColumn(task => task.UpdatedAt));
            ModelColumn<TaskHistoryEntry>[] entryColumns =
            [
                EntryColumn(entry => entry.Id),
                EntryColumn(entry => entry.TaskId),
                EntryColumn(entry => entry.Kind),
                EntryColumn(entry => entry.From),
                EntryColumn(entry => entry.To),
                EntryColumn(entry => entry.Trigger),
                EntryColumn(entry => entry.ActorId),
                EntryColumn(entry => entry.OccurredAt),
                EntryColumn(entry => entry.Reason),
            ];
            History = UnnestStatement<TaskHistoryEntry>.Insert(model, sql, entryColumns);
            var taskId = entryColumns[1].Name;
            AttemptEnds = UnnestStatement<TaskHistoryEntry>.InsertWith(
                model, sql, entryColumns, TaskHistoryEntryConfiguration.TakenAtColumn, $"(SELECT item.leased_at FROM work_items AS item WHERE item.id = v.{taskId})");
        }

        /// <summary>The UPDATE of the columns an attempt's end changes.</summary>
        public UnnestStatement<TaskItem> Transitions { get; }

        /// <summary>Retention's UPDATE: archived_at and updated_at.</summary>
        public UnnestStatement<TaskItem> Archivals { get; }

        /// <summary>The INSERT of the history entries.</summary>
        public UnnestStatement<TaskHistoryEntry> History { get; }

        /// <summary>The INSERT of the entries that end attempts, each with when its attempt was taken (its work item's lease start).</summary>
        public UnnestStatement<TaskHistoryEntry> AttemptEnds { get; }
    }
}
