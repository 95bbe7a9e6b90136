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

        // Claimed: each lease goes from null to a worker and an instant.
        var claimed = await WriteAsync(ids, task => task.StartRun(Worker, Now.AddSeconds(30), Now));
        await AssertStoredAsAsync(claimed);

        // Each run-state column, and the task's own the engine writes, changes again: a lease ends, an attempt is
        // counted, a run-after is set, an outcome is written, the owner goes.
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
                """SELECT kind || ' ' || "from" || ' ' || "to" || ' ' || trigger FROM task_history WHERE task_id = @id ORDER BY occurred_at""",
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

        var leasedBy = ModelColumn<TaskItem>.Of(db.Model, sql, task => task.Run.LeasedBy);
        var status = ModelColumn<TaskItem>.Of(db.Model, sql, task => task.Status);
        var from = ModelColumn<TaskHistoryEntry>.Of(db.Model, sql, entry => entry.From);

        Assert.Equal(("leased_by", "status", "\"from\""), (leasedBy.Name, status.Name, from.Name));
        Assert.Equal([Worker], Assert.IsType<string[]>(leasedBy.ValuesOf([running])));
        Assert.Equal(["running"], Assert.IsType<string[]>(status.ValuesOf([running])));
        Assert.Collection(Assert.IsType<string[]>(from.ValuesOf(entries)), value => Assert.Equal("pending", value), Assert.Null);
        Assert.Throws<ArgumentException>(() => ModelColumn<TaskItem>.Of(db.Model, sql, task => task.IsAutomated));
    }

    /// <summary>Loads the tasks as the engine does (no tracking, no history), applies <paramref name="change"/>, and writes them with the writer.</summary>
    private async Task<List<TaskItem>> WriteAsync(Guid[] ids, Action<TaskItem> change)
    {
        await using var db = Database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var tasks = await db.Tasks.AsNoTracking().Where(task => ids.Contains(task.Id)).ToListAsync();
        tasks = [.. tasks.OrderBy(task => Array.IndexOf(ids, task.Id))];
        foreach (var task in tasks)
        {
            change(task);
        }

        await TaskBatchWriter.WriteAsync(db, tasks, CancellationToken.None);
        await transaction.CommitAsync();
        return tasks;
    }

    /// <summary>Reads the tasks and their history through EF, and compares them with what was written.</summary>
    private async Task AssertStoredAsAsync(IReadOnlyList<TaskItem> written)
    {
        await using var db = Database.CreateDbContext();
        foreach (var task in written)
        {
            var stored = await db.Tasks.AsNoTracking().SingleAsync(candidate => candidate.Id == task.Id);
            Assert.Equal(Fields(task), Fields(stored));

            var entries = await db.TaskHistory.AsNoTracking().Where(entry => entry.TaskId == task.Id).ToListAsync();
            Assert.All(task.History, entry => Assert.Contains(Fields(entry), entries.Select(Fields)));
        }
    }

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
        task.Run.LeasedBy,
    };

    private static object Fields(TaskHistoryEntry entry) => new { entry.Id, entry.TaskId, entry.Kind, entry.From, entry.To, entry.Trigger, entry.ActorId, entry.OccurredAt, entry.Reason };

    private async Task<TaskItem> AddAutomatedAsync(Actor creator, DateTimeOffset? runAfter = null)
    {
        await using var db = Database.CreateDbContext();
        var task = TaskItem.Create("An automated task", null, TaskPriority.Normal, null, false, creator, Now, automation: new TaskAutomation(Kind, """{"n":1}""", 3, runAfter));
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    }
}
