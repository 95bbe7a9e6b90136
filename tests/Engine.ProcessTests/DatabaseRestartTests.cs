using Npgsql;

namespace TaskOrchestration.Engine.ProcessTests;

public sealed class DatabaseRestartTests(FleetFixture fleet) : FleetTest(fleet)
{
    private const int Tasks = 4_000;
    [Fact]
    public async Task DatabaseRestartedUnderLoad_WorkersReconnectAndCarryOn_NothingLostOrStuck()
    {
        FleetFixture.AssertCanRestartPostgres();
        // Attempts to spare: an attempt whose lease ran out while the server was away is requeued and counts.
        await Fleet.SubmitAsync(Tasks, _ => false, maxAttempts: 10);
        await StartWorkersAsync("worker", 3, TimeSpan.FromMilliseconds(5));
        await WaitForCompletedAsync(Tasks / 4);

        await FleetFixture.RestartPostgresAsync();
        // Taken once the server is back, so an attempt a worker started while it was still going down cannot pass
        // for work claimed after the restart.
        var restartedAt = DateTimeOffset.UtcNow;
        // This process's pooled connections died with the server too.
        NpgsqlConnection.ClearAllPools();
        var completedBefore = await Fleet.ScalarAsync<long>("SELECT count(*) FROM tasks WHERE status = 'done'");
        Assert.True(completedBefore < Tasks, "The run ended before the restart: nothing was under load.");

        await Fleet.WaitUntilAllEndedAsync(Workers, TimeSpan.FromMinutes(3));

        var ends = await Fleet.ReadEndsAsync();
        Assert.Equal(Tasks, ends.Count);
        Assert.All(ends.Values, end =>
        {
            Assert.Equal("done", end.Status);
            Assert.Equal(1, end.TerminalTransitions);
            Assert.Equal(end.AttemptCount, end.Takes);
            Assert.Null(end.WorkItem);
        });
        // At most once rather than exactly once: a claim whose commit the restart cut off may or may not have
        // committed, so its worker does not run it, and the attempt it counted is taken again after the lease.
        var record = new ExecutionRecord(Workers);
        record.AssertEachAttemptRanAtMostOnce();
        record.AssertNoTaskRanConcurrently(await Fleet.ReadReapedAttemptsAsync());
        // Every task's last attempt, the one that completed it, was executed by a worker.
        var executed = record.Executions.Select(execution => (execution.TaskId, execution.Attempt)).ToHashSet();
        Assert.All(ends, end => Assert.Contains((end.Key, end.Value.AttemptCount), executed));
        Assert.All(Workers, worker =>
        {
            Assert.False(worker.HasExited, $"{worker.Name} exited: {worker.Output}");
            Assert.Contains(worker.Attempts, e => e.IsStart && e.At > restartedAt);
        });
    }

    private async Task WaitForCompletedAsync(long count)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (await Fleet.ScalarAsync<long>("SELECT count(*) FROM tasks WHERE status = 'done'") < count)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Fewer than {count} tasks completed within a minute: {string.Join(Environment.NewLine, Workers.Select(worker => worker.Output))}");
            await Task.Delay(50);
        }
    }
}
