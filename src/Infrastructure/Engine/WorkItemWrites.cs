using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Persistence;
using TaskOrchestration.Infrastructure.Persistence.ReadModels;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// Keeps each automated task's work item in step with its task (docs/adr/0031-work-items.md): an item exists exactly
/// while its task is automated, pending or running, and not archived (<see cref="Wanted"/>; a running automated task
/// is not archived: TaskItem.Archive refuses), and carries the task's kind, priority, age, submitter and run-after. The engine's claim leases items, not tasks, so a claim writes no task
/// row; the writes here follow what the task did: a submission, a retry or an unarchiving adds the item, a cancel,
/// an archive or an attempt that ended the task deletes it, an attempt given back or requeued releases it.
/// <para>
/// Lock order: whatever locks both an item and its task locks the item first (a save deletes or changes the item
/// before it writes the task; the engine locks the items it holds, then their tasks), so the two never wait on each
/// other in a cycle. An item is added after its task is written (its key references the task).
/// </para>
/// </summary>
internal static class WorkItemWrites
{
    private static readonly ConditionalWeakTable<IModel, Statements> ByModel = new();

    /// <summary>Whether <paramref name="task"/> has a work item: automated, pending or running, not archived.</summary>
    public static bool Wanted(TaskItem task) => task.IsAutomated && WantedFor(task.Status, task.IsArchived);

    /// <summary>A claim: <paramref name="worker"/> holds the items of <paramref name="ids"/> from <paramref name="now"/>.</summary>
    public static void AddLease(StatementBatch batch, IReadOnlyCollection<Guid> ids, string worker, DateTimeOffset now)
    {
        if (ids.Count > 0)
        {
            Guid[] leased = [.. ids];
            batch.Add($"UPDATE work_items SET leased_by = {worker}, leased_at = {now} WHERE id = ANY({leased})");
        }
    }

    /// <summary>
    /// After the engine's attempts ended (an outcome, a lost lease, a give-back): the items of the tasks that are
    /// pending again are released with their next run-after, those of tasks that ended are deleted.
    /// </summary>
    public static void AddAfterAttempts(ApplicationDbContext db, StatementBatch batch, IReadOnlyList<TaskItem> tasks)
    {
        StatementsOf(db).Release.AddTo(batch, [.. tasks.Where(Wanted).Select(Of)]);
        AddDelete(batch, [.. tasks.Where(task => !Wanted(task)).Select(task => task.Id)]);
    }

    /// <summary>
    /// What a save of the tracked tasks among <paramref name="entries"/> (<paramref name="db"/>'s, changes detected)
    /// does to their items: call it before the save (it reads the tasks' values as loaded). The changes to send before the save (deleted or changed items) go into
    /// <paramref name="beforeSave"/>, the items to add into <paramref name="afterSave"/>. Answers the items to delete
    /// that were free when their tasks were read (<see cref="DeleteUnheldAsync"/> deletes them first).
    /// </summary>
    public static Guid[] AddForSave(ApplicationDbContext db, IEnumerable<EntityEntry> entries, StatementBatch beforeSave, StatementBatch afterSave)
    {
        List<WorkItemRecord> added = [];
        List<WorkItemRecord> changed = [];
        List<Guid> removed = [];
        List<Guid> removedUnheld = [];
        foreach (var entry in entries)
        {
            if (entry.Entity is not TaskItem task || !task.IsAutomated || entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            var had = entry.State == EntityState.Modified && HadItem(entry);
            var wanted = Wanted(task);
            if (wanted && !had)
            {
                added.Add(Of(task));
            }
            else if (had && !wanted && entry.OriginalValues.GetValue<TaskItemStatus>(nameof(TaskItem.Status)) == TaskItemStatus.Running)
            {
                // Ended by a person while a worker held it (a cancel): the row keeps the engine as its owner of record,
                // as the engine's own ending of an attempt does. It was loaded as shown, so EF sees no change.
                removed.Add(task.Id);
                entry.Property(nameof(TaskItem.OwnerId)).IsModified = true;
            }
            else if (had && !wanted)
            {
                removedUnheld.Add(task.Id);
            }
            else if (had && (entry.Property(nameof(TaskItem.Priority)).IsModified || entry.Reference(nameof(TaskItem.Run)).TargetEntry?.Property(nameof(TaskRunState.RunAfter)).IsModified == true))
            {
                changed.Add(Of(task));
            }
        }

        var statements = StatementsOf(db);
        AddDeleteKeepingTakes(beforeSave, [.. removed]);
        statements.Mirror.AddTo(beforeSave, changed);
        statements.Insert.AddTo(afterSave, added);
        return [.. removedUnheld];
    }

    /// <summary>
    /// Deletes the items of <paramref name="ids"/>, which were free when their tasks were read (a cancel or an archive of
    /// a pending task): when a worker claimed one since, the change was decided on a task that is no longer what was
    /// read (a claim does not change the task's row, so its version cannot tell), and it is refused as a conflict.
    /// </summary>
    public static async Task DeleteUnheldAsync(ApplicationDbContext db, Guid[] ids, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            return;
        }

        // Not composed (a data-modifying WITH must stay at the top level): read whole, then taken.
        var deleted = await db.Database.SqlQuery<int>($"""
            WITH gone AS (DELETE FROM work_items WHERE id = ANY({ids}) AND leased_by IS NULL RETURNING id)
            SELECT count(*)::int AS "Value" FROM gone
            """).ToListAsync(cancellationToken);
        if (deleted.Single() < ids.Length)
        {
            throw new DbUpdateConcurrencyException("A worker took the task since it was read.");
        }
    }

    /// <summary>The item <paramref name="task"/> has (or would have), unleased.</summary>
    private static WorkItemRecord Of(TaskItem task) => new(task.Id, task.Kind, task.Priority, task.CreatedAt, task.CreatedBy, task.Run.RunAfter);

    /// <summary>Whether the task had an item as it was loaded (a task a worker held was loaded as running: TaskItem.ShowHeldBy).</summary>
    private static bool HadItem(EntityEntry entry) => WantedFor(
        entry.OriginalValues.GetValue<TaskItemStatus>(nameof(TaskItem.Status)),
        entry.OriginalValues.GetValue<DateTimeOffset?>(nameof(TaskItem.ArchivedAt)) is not null);

    private static bool WantedFor(TaskItemStatus status, bool archived) =>
        (status is TaskItemStatus.Pending or TaskItemStatus.Running) && !archived;

    /// <summary>
    /// Deletes items for a person's save (a cancel): the take of an attempt a worker held, which was the item's lease
    /// start and would end with the attempt's last entry, becomes a history row of its own (ADR 0031), with the id
    /// the history showed it under (task_history_entries).
    /// </summary>
    private static void AddDeleteKeepingTakes(StatementBatch batch, Guid[] ids)
    {
        if (ids.Length > 0)
        {
            batch.Add($"""
                WITH gone AS (DELETE FROM work_items WHERE id = ANY({ids}) RETURNING id, leased_at)
                INSERT INTO task_history (id, task_id, kind, "from", "to", trigger, actor_id, occurred_at)
                SELECT md5(id::text || ':' || extract(epoch FROM leased_at)::text)::uuid, id, 'transitioned', 'pending', 'running', 'take',
                       {SystemActors.Engine.UserId}, leased_at
                FROM gone WHERE leased_at IS NOT NULL
                """);
        }
    }

    private static void AddDelete(StatementBatch batch, Guid[] ids)
    {
        if (ids.Length > 0)
        {
            batch.Add($"DELETE FROM work_items WHERE id = ANY({ids})");
        }
    }

    private static Statements StatementsOf(ApplicationDbContext db) =>
        ByModel.GetValue(db.Model, model => new Statements(model, db.GetService<ISqlGenerationHelper>()));

    /// <summary>The statements over unnest()ed arrays, in the terms of one model.</summary>
    private sealed class Statements
    {
        public Statements(IModel model, ISqlGenerationHelper sql)
        {
            ModelColumn<WorkItemRecord> Column<TValue>(Expression<Func<WorkItemRecord, TValue>> member) => ModelColumn<WorkItemRecord>.Of(model, sql, member);

            var id = Column(item => item.Id);
            Insert = UnnestStatement<WorkItemRecord>.Insert(model, sql, id, Column(item => item.Kind), Column(item => item.Priority), Column(item => item.CreatedAt), Column(item => item.CreatedBy), Column(item => item.RunAfter));
            // A person's change of priority or run-after; a worker that holds the item keeps it.
            Mirror = UnnestStatement<WorkItemRecord>.Update(model, sql, id, Column(item => item.Priority), Column(item => item.RunAfter));
            Release = UnnestStatement<WorkItemRecord>.Update(model, sql, id, Column(item => item.RunAfter), Column(item => item.LeasedBy), Column(item => item.LeasedAt));
        }

        public UnnestStatement<WorkItemRecord> Insert { get; }

        public UnnestStatement<WorkItemRecord> Mirror { get; }

        public UnnestStatement<WorkItemRecord> Release { get; }
    }
}
