using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>
/// The database itself keeps "a task is taken only once", whatever writes to it (docs/adr/0003): the
/// <c>tasks_guard_take</c> trigger (SQLSTATE T0001) and the check constraint <c>ck_tasks_running_has_owner</c>.
/// Every write here is plain SQL through Npgsql, bypassing the aggregate and the concurrency token.
/// </summary>
public sealed class TakeOnlyOnceDatabaseRuleTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private const string TakeRefused = "T0001";
    private static readonly TimeSpan LockWaitLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ChangingTheOwnerOfARunningTask_IsRefused()
    {
        var creator = await AddUserAsync();
        var intruder = await AddUserAsync();
        var task = await AddTaskAsync(creator, walk: t => t.Take(creator, Now));

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync("UPDATE tasks SET owner_id = @owner WHERE id = @id", ("owner", intruder.UserId), ("id", task.Id)));

        Assert.Equal(TakeRefused, error.SqlState);
        Assert.Equal([creator.UserId], await ColumnAsync<Guid>("SELECT owner_id FROM tasks WHERE id = @id", ("id", task.Id)));
    }

    [Fact]
    public async Task TakingARunningTaskAgain_ForSomeoneElse_IsRefused()
    {
        var creator = await AddUserAsync();
        var intruder = await AddUserAsync();
        var task = await AddTaskAsync(creator, walk: t => t.Take(creator, Now));

        var error = await Assert.ThrowsAsync<PostgresException>(() => TakeWithSqlAsync(task.Id, intruder));

        Assert.Equal(TakeRefused, error.SqlState);
        Assert.Equal([creator.UserId], await ColumnAsync<Guid>("SELECT owner_id FROM tasks WHERE id = @id", ("id", task.Id)));
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("done")]
    [InlineData("failed")]
    [InlineData("cancelled")]
    public async Task EnteringRunning_FromAnythingButPending_IsRefused(string status)
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator, draft: status == "draft", walk: Walk(status, creator));
        Assert.Equal([status], await StatusOfAsync(task.Id));

        var error = await Assert.ThrowsAsync<PostgresException>(() => TakeWithSqlAsync(task.Id, creator));

        Assert.Equal(TakeRefused, error.SqlState);
        Assert.Equal([status], await StatusOfAsync(task.Id));
    }

    [Fact]
    public async Task TheRuleRefusesOnlyWhatItMust_PendingCanBeTaken_RunningCanBeEditedAndReleased()
    {
        var creator = await AddUserAsync();
        var taker = await AddUserAsync();
        var task = await AddTaskAsync(creator);

        await TakeWithSqlAsync(task.Id, taker);
        Assert.Equal([$"running {taker.UserId}"], await StatusAndOwnerAsync(task.Id));

        Assert.Equal(1, await ExecuteAsync("UPDATE tasks SET title = 'Renamed', owner_id = @owner WHERE id = @id", ("owner", taker.UserId), ("id", task.Id)));
        Assert.Equal(1, await ExecuteAsync("UPDATE tasks SET status = 'pending', owner_id = NULL WHERE id = @id", ("id", task.Id)));
        await TakeWithSqlAsync(task.Id, creator);
        Assert.Equal([$"running {creator.UserId}"], await StatusAndOwnerAsync(task.Id));
    }

    [Fact]
    public async Task ARunningTaskWithoutAnOwner_ViolatesTheCheckConstraint()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync("UPDATE tasks SET status = 'running', owner_id = NULL WHERE id = @id", ("id", task.Id)));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal("ck_tasks_running_has_owner", error.ConstraintName);
        Assert.Equal(["pending"], await StatusOfAsync(task.Id));
    }

    [Fact]
    public async Task TwoConcurrentTakesInSql_TheSecondWaitsForTheFirst_ThenIsRefused()
    {
        var creator = await AddUserAsync();
        var first = await AddUserAsync();
        var second = await AddUserAsync();
        var task = await AddTaskAsync(creator);

        await using var firstConnection = await Database.OpenConnectionAsync();
        await using var firstTransaction = await firstConnection.BeginTransactionAsync();
        await ExecuteTakeAsync(firstConnection, firstTransaction, task.Id, first);

        // The second writer blocks on the first one's row lock; after the commit it re-reads the row and is refused.
        await using var secondConnection = await Database.OpenConnectionAsync();
        await using var secondTransaction = await secondConnection.BeginTransactionAsync();
        var secondTake = ExecuteTakeAsync(secondConnection, secondTransaction, task.Id, second);
        await WaitUntilWaitingForALockAsync(secondConnection.ProcessID);
        Assert.False(secondTake.IsCompleted, "The second take finished while the first one still held the row.");

        await firstTransaction.CommitAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => secondTake);

        Assert.Equal(TakeRefused, error.SqlState);
        Assert.Equal([$"running {first.UserId}"], await StatusAndOwnerAsync(task.Id));
    }

    [Fact]
    public async Task ThroughTheUnitOfWork_TheTriggersRefusal_IsATaskAlreadyTakenConflict()
    {
        var creator = await AddUserAsync();
        var intruder = await AddUserAsync();
        var task = await AddTaskAsync(creator, walk: t => t.Take(creator, Now));
        await using var db = Database.CreateDbContext();
        var stored = await db.Tasks.SingleAsync(t => t.Id == task.Id);

        // A writer that skips the aggregate's rules but holds the current version: only the trigger stands in the way.
        db.Entry(stored).Property(t => t.OwnerId).CurrentValue = intruder.UserId;
        var error = await Assert.ThrowsAsync<ConflictException>(() => ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None));

        Assert.Equal("task_already_taken", error.Code);
        Assert.Equal([creator.UserId], await ColumnAsync<Guid>("SELECT owner_id FROM tasks WHERE id = @id", ("id", task.Id)));
    }

    [Fact]
    public async Task ThroughTheUnitOfWork_TheCheckConstraintsRefusal_IsAnInvalidStateConflict()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator);
        await using var db = Database.CreateDbContext();
        var stored = await db.Tasks.SingleAsync(t => t.Id == task.Id);

        db.Entry(stored).Property(t => t.Status).CurrentValue = TaskItemStatus.Running;
        var error = await Assert.ThrowsAsync<ConflictException>(() => ((IUnitOfWork)db).SaveChangesAsync(CancellationToken.None));

        Assert.Equal("invalid_state", error.Code);
        Assert.Equal(["pending"], await StatusOfAsync(task.Id));
    }

    private static Action<TaskItem>? Walk(string status, Actor actor) => status switch
    {
        "done" => task => { task.Take(actor, Now); task.Complete(actor, null, Now); },
        "failed" => task => { task.Take(actor, Now); task.Fail(actor, "Broken", Now); },
        "cancelled" => task => task.Cancel(actor, null, Now),
        _ => null,
    };

    private async Task TakeWithSqlAsync(Guid taskId, Actor taker)
    {
        await using var connection = await Database.OpenConnectionAsync();
        await ExecuteTakeAsync(connection, null, taskId, taker);
    }

    /// <summary>A take that bypasses the application: no status condition, no concurrency token.</summary>
    private static async Task ExecuteTakeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid taskId, Actor taker)
    {
        await using var update = new NpgsqlCommand("UPDATE tasks SET status = 'running', owner_id = @owner WHERE id = @id", connection, transaction);
        update.Parameters.AddWithValue("owner", taker.UserId);
        update.Parameters.AddWithValue("id", taskId);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    /// <summary>Polls the server until the backend <paramref name="processId"/> waits for a lock (not a timing assertion: a bounded wait).</summary>
    private async Task WaitUntilWaitingForALockAsync(int processId)
    {
        using var limit = new CancellationTokenSource(LockWaitLimit);
        await using var connection = await Database.OpenConnectionAsync();
        while (!limit.IsCancellationRequested)
        {
            await using var query = new NpgsqlCommand("SELECT wait_event_type FROM pg_stat_activity WHERE pid = @pid", connection);
            query.Parameters.AddWithValue("pid", processId);
            if (await query.ExecuteScalarAsync() is "Lock")
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("The second take never waited for the first one's row lock.");
    }

    private Task<List<string>> StatusOfAsync(Guid taskId) =>
        ColumnAsync<string>("SELECT status FROM tasks WHERE id = @id", ("id", taskId));

    /// <summary>"status owner" of the stored row, as SQL reads it.</summary>
    private Task<List<string>> StatusAndOwnerAsync(Guid taskId) =>
        ColumnAsync<string>("SELECT status || ' ' || coalesce(owner_id::text, '-') FROM tasks WHERE id = @id", ("id", taskId));
}
