using Npgsql;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>The database itself keeps "a task is taken only once", whatever writes to it (docs/adr/0003).</summary>
public sealed class TakeOnlyOnceDatabaseRuleTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private const string TakeRefused = "T0001";

    [Fact]
    public async Task ChangingTheOwnerOfARunningTask_IsRefused()
    {
        var creator = await AddUserAsync();
        var intruder = await AddUserAsync();
        var task = await AddTaskAsync(creator, walk: t => t.Take(creator, Now));

        var error = await Assert.ThrowsAsync<PostgresException>(() => TakeWithSqlAsync(task.Id, intruder));

        Assert.Equal(TakeRefused, error.SqlState);
        Assert.Equal(creator.UserId, await OwnerOfAsync(task.Id));
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

        var error = await Assert.ThrowsAsync<PostgresException>(() => TakeWithSqlAsync(task.Id, creator));

        Assert.Equal(TakeRefused, error.SqlState);
    }

    [Fact]
    public async Task ARunningTaskWithoutAnOwner_IsRefused()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator);
        await using var connection = await Database.OpenConnectionAsync();
        await using var update = new NpgsqlCommand("UPDATE tasks SET status = 'running', owner_id = NULL WHERE id = @id", connection);
        update.Parameters.AddWithValue("id", task.Id);

        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    [Fact]
    public async Task TwoConcurrentTakesInSql_LeaveTheFirstOwner_AndRefuseTheSecond()
    {
        var creator = await AddUserAsync();
        var first = await AddUserAsync();
        var second = await AddUserAsync();
        var task = await AddTaskAsync(creator);

        await using var firstConnection = await Database.OpenConnectionAsync();
        await using var firstTransaction = await firstConnection.BeginTransactionAsync();
        await ExecuteTakeAsync(firstConnection, firstTransaction, task.Id, first);

        // The second writer blocks on the row lock until the first commits, then re-reads the row and is refused.
        await using var secondConnection = await Database.OpenConnectionAsync();
        await using var secondTransaction = await secondConnection.BeginTransactionAsync();
        var secondTake = ExecuteTakeAsync(secondConnection, secondTransaction, task.Id, second);
        await WaitUntilBlockedAsync(secondConnection.ProcessID);
        Assert.False(secondTake.IsCompleted);

        await firstTransaction.CommitAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => secondTake);

        Assert.Equal(TakeRefused, error.SqlState);
        Assert.Equal(first.UserId, await OwnerOfAsync(task.Id));
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
        await update.ExecuteNonQueryAsync();
    }

    private async Task WaitUntilBlockedAsync(int processId)
    {
        await using var connection = await Database.OpenConnectionAsync();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var query = new NpgsqlCommand("SELECT wait_event_type FROM pg_stat_activity WHERE pid = @pid", connection);
            query.Parameters.AddWithValue("pid", processId);
            if (await query.ExecuteScalarAsync() is "Lock")
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("The second take never waited for the first one's row lock.");
    }

    private async Task<Guid?> OwnerOfAsync(Guid taskId)
    {
        await using var connection = await Database.OpenConnectionAsync();
        await using var query = new NpgsqlCommand("SELECT owner_id FROM tasks WHERE id = @id", connection);
        query.Parameters.AddWithValue("id", taskId);
        return await query.ExecuteScalarAsync() as Guid?;
    }
}
