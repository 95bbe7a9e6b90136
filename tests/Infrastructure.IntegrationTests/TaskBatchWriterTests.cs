using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>
/// The engine's set-based writer and the EF model say the same thing: what the writer stores, EF reads back as the
/// task had it, every run-state field, null or not, and every enum; its columns are the model's.
/// </summary>
public sealed class TaskBatchWriterTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private const string Kind = "demo.title-parity";
    private const string Worker = "worker-1";

    [Fact]
    public async Task WhatTheWriterStores_EFReadsBack_AsTheTasksHadIt_EveryRunStateFieldAndEnum()
    {
        var creator = await AddUserAsync();
        var abandoned = await AddAutomatedAsync(creator, runAfter: Now.AddMinutes(-5));
        var requeued = await AddAutomatedAsync(creator);
        var completed = await AddAutomatedAsync(creator);
        var failed = await AddAutomatedAsync(creator);
        Guid[] ids = [abandoned.Id, requeued.Id, completed.Id, failed.Id];

        // Claimed: the work items are leased, and no task row is written (each keeps its version, and reads pending);
        // the takes are read from the items.
        var versions = await VersionsAsync(ids);
        var claimed = await ClaimAsync(ids);
        Assert.All(claimed, task => Assert.Equal(TaskItemStatus.Running, task.Status));
        Assert.Equal(versions, await VersionsAsync(ids));
        await AssertEntriesReadAsync(claimed);
        Assert.Equal(
            [Worker, Worker, Worker, Worker],
            await ColumnAsync<string>("SELECT leased_by FROM work_items WHERE id = ANY(@ids) ORDER BY array_position(@ids, id)", ("ids", ids)));

        // Each run-state column, and the task's own the engine writes, changes: a lease ends, an attempt is counted,
        // a run-after is set, an outcome is written, the owner goes.
        var later = Now.AddSeconds(10);
        var ended = await WriteAsync(ids, task =>
        {
            if (task.Id == abandoned.Id)
            {
                task.AbandonRun(later);
            }
            else if (task.Id == requeued.Id)
            {
                task.FailRun("error", later.AddSeconds(20), later);
            }
            else if (task.Id == completed.Id)
            {
                task.CompleteRun("success", later);
            }
            else
            {
                task.FailRun("HTTP 404", null, later);
            }
        });
        await AssertStoredAsAsync(ended);
        await AssertEntriesReadAsync([.. claimed, .. ended]);
        // The tasks given back or requeued keep their work item, free again and due at their run-after; the ended ones lose it.
        Assert.Equal(
            new[] { $"{abandoned.Id} free", $"{requeued.Id} free" }.Order(),
            (await ColumnAsync<string>("SELECT id::text || ' ' || coalesce(leased_by, 'free') FROM work_items WHERE id = ANY(@ids)", ("ids", ids))).Order());
        Assert.Equal(
            [Now.AddMinutes(-5), later.AddSeconds(20)],
            await ColumnAsync<DateTimeOffset>("SELECT item.run_after FROM work_items AS item JOIN tasks AS task USING (id) WHERE item.run_after = task.run_after AND id = ANY(@ids) ORDER BY item.run_after", ("ids", ids)));

        Assert.Equal(
            (TaskItemStatus.Pending, (DateTimeOffset?)Now.AddMinutes(-5), TaskItemStatus.Pending, 2, TaskItemStatus.Done, TaskItemStatus.Failed),
            (ended[0].Status, ended[0].Run.RunAfter, ended[1].Status, ended[1].Run.AttemptCount, ended[2].Status, ended[3].Status));

        // EF would also read back an enum stored as its number ("2"): the words stored are the model's, the API's.
        Assert.Equal(
            ["pending", "pending", "done", "failed"],
            await ColumnAsync<string>("SELECT status FROM tasks WHERE id = ANY(@ids) ORDER BY array_position(@ids, id)", ("ids", ids)));
        Assert.Equal(
            ["transitioned pending running take", "transitioned running pending requeue"],
            await ColumnAsync<string>(
                """SELECT kind || ' ' || "from" || ' ' || "to" || ' ' || trigger FROM task_history_entries WHERE task_id = @id ORDER BY occurred_at""",
                ("id", requeued.Id)));
    }

    [Fact]
    public void TheStatements_AreBuiltOncePerModel_NotPerBatch()
    {
        using var first = Database.CreateDbContext();
        using var second = Database.CreateDbContext();

        Assert.Same(TaskBatchWriter.StatementsOf(first), TaskBatchWriter.StatementsOf(second));
    }

    [Fact]
    public void AColumn_IsTheModelsColumn_OfAnOwnedValuesPropertyToo_AndStoresAsTheModelsConverterDoes()
    {
        using var db = Database.CreateDbContext();
        var sql = db.GetService<ISqlGenerationHelper>();
        var creator = new Actor(Guid.NewGuid(), UserRole.Member);
        var running = TaskItem.Create("A task", null, TaskPriority.Normal, null, false, creator, Now, automation: new TaskAutomation(Kind));
        running.StartRun(Worker, Now.AddSeconds(30), Now);
        var edited = TaskItem.Create("A task", null, TaskPriority.Normal, null, false, creator, Now);
        edited.Update("A new title", null, null, null, false, creator, Now);
        TaskHistoryEntry[] entries = [.. running.History, .. edited.History];

        var maxAttempts = ModelColumn<TaskItem>.Of(db.Model, sql, task => task.Run.MaxAttempts);
        var status = ModelColumn<TaskItem>.Of(db.Model, sql, task => task.Status);
        var from = ModelColumn<TaskHistoryEntry>.Of(db.Model, sql, entry => entry.From);

        Assert.Equal(("max_attempts", "status", "\"from\""), (maxAttempts.Name, status.Name, from.Name));
        Assert.Equal([3], Assert.IsType<int[]>(maxAttempts.ValuesOf([running])));
        Assert.Equal(["running"], Assert.IsType<string[]>(status.ValuesOf([running])));
        Assert.Collection(Assert.IsType<string[]>(from.ValuesOf(entries)), value => Assert.Equal("pending", value), Assert.Null);
        Assert.Throws<ArgumentException>(() => ModelColumn<TaskItem>.Of(db.Model, sql, task => task.IsAutomated));
    }

    /// <summary>Claims the tasks as the engine does: loaded without tracking or history, started, and written with the claim's writes.</summary>
    private async Task<List<TaskItem>> ClaimAsync(Guid[] ids)
    {
        await using var db = Database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var tasks = await LoadAsync(db, ids);
        foreach (var task in tasks)
        {
            task.StartRun(Worker, Now.AddSeconds(30), Now);
        }

        var batch = new StatementBatch();
        WorkItemWrites.AddLease(batch, ids, Worker, Now);
        await TaskBatchWriter.WriteClaimedAsync(db, batch, tasks, CancellationToken.None);
        await transaction.CommitAsync();
        return tasks;
    }

    /// <summary>Loads the tasks as the engine does (held by <see cref="Worker"/>), applies <paramref name="change"/>, and writes them with the writer.</summary>
    private async Task<List<TaskItem>> WriteAsync(Guid[] ids, Action<TaskItem> change)
    {
        await using var db = Database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var tasks = await LoadAsync(db, ids);
        foreach (var task in tasks)
        {
            task.ShowHeldBy(Worker, leaseUntil: null);
            change(task);
        }

        await TaskBatchWriter.WriteAsync(db, tasks, CancellationToken.None);
        await transaction.CommitAsync();
        return tasks;
    }

    private static async Task<List<TaskItem>> LoadAsync(ApplicationDbContext db, Guid[] ids)
    {
        var tasks = await db.Tasks.AsNoTracking().Where(task => ids.Contains(task.Id)).ToListAsync();
        return [.. tasks.OrderBy(task => Array.IndexOf(ids, task.Id))];
    }

    /// <summary>Reads the tasks through EF, and compares them with what was written.</summary>
    private async Task AssertStoredAsAsync(IReadOnlyList<TaskItem> written)
    {
        await using var db = Database.CreateDbContext();
        foreach (var task in written)
        {
            var stored = await db.Tasks.AsNoTracking().SingleAsync(candidate => candidate.Id == task.Id);
            Assert.Equal(Fields(task), Fields(stored));
        }
    }

    /// <summary>
    /// Reads the tasks' history as the API does (the stored entries and the takes they imply), and finds each entry the
    /// tasks added; a take is not stored as itself, so entries compare without their ids.
    /// </summary>
    private async Task AssertEntriesReadAsync(IReadOnlyList<TaskItem> tasks)
    {
        await using var scope = Database.CreateDbContext();
        foreach (var task in tasks)
        {
            var entries = await scope.TaskHistory.FromSql($"SELECT * FROM task_history_entries WHERE task_id = {task.Id}").AsNoTracking().ToListAsync();
            Assert.All(task.History, entry => Assert.Contains(Fields(entry), entries.Select(Fields)));
            // One take for the one attempt, however it is read (from the item, or from the attempt's last entry).
            Assert.Single(entries, entry => entry.Trigger == TaskTrigger.Take);
        }
    }

    private Task<List<long>> VersionsAsync(Guid[] ids) =>
        ColumnAsync<long>("SELECT xmin::text::bigint FROM tasks WHERE id = ANY(@ids) ORDER BY array_position(@ids, id)", ("ids", ids));

    private static object Fields(TaskItem task) => new
    {
        task.Status,
        task.OwnerId,
        task.Result,
        task.FailureReason,
        task.UpdatedAt,
        task.Run.Input,
        task.Run.AttemptCount,
        task.Run.MaxAttempts,
        task.Run.RunAfter,
    };

    private static object Fields(TaskHistoryEntry entry) => new { entry.TaskId, entry.Kind, entry.From, entry.To, entry.Trigger, entry.ActorId, entry.OccurredAt, entry.Reason };

    private async Task<TaskItem> AddAutomatedAsync(Actor creator, DateTimeOffset? runAfter = null)
    {
        await using var db = Database.CreateDbContext();
        var task = TaskItem.Create("An automated task", null, TaskPriority.Normal, null, false, creator, Now, automation: new TaskAutomation(Kind, """{"n":1}""", 3, runAfter));
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    }
}
