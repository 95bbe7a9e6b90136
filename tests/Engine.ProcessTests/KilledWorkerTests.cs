namespace TaskOrchestration.Engine.ProcessTests;

public sealed class KilledWorkerTests(FleetFixture fleet) : FleetTest(fleet)
{
    [Fact]
    public async Task WorkerKilledMidTask_ItsTasksReturnAfterTheLease_AndCompleteElsewhere()
    {
        await Fleet.SubmitAsync(40, _ => false, maxAttempts: 3);
        // Its handlers take a minute: whatever it claims is mid-run when it dies.
        var victim = (await StartWorkersAsync("victim", 1, TimeSpan.FromMinutes(1)))[0];
        await WaitUntilAsync(() => victim.Attempts.Count(e => e.IsStart) == 8, "the victim to start 8 attempts");

        await victim.KillAsync();

        var killed = victim.Attempts.Where(e => e.IsStart).Select(e => e.TaskId).ToHashSet();
        Assert.DoesNotContain(victim.Attempts, e => !e.IsStart);
        // Nothing reaps before a live worker looks: the killed attempts are still running under the dead worker's lease.
        Assert.Equal(8L, await Fleet.ScalarAsync<long>("SELECT count(*) FROM work_items WHERE leased_by = @worker", ("worker", victim.WorkerId)));
        // One lease, the worker's, holds all its attempts.
        var lease = await Fleet.ScalarAsync<DateTime>("SELECT lease_until FROM workers WHERE id = @worker", ("worker", victim.WorkerId));

        var survivors = await StartWorkersAsync("survivor", 2, TimeSpan.FromMilliseconds(20));
        await Fleet.WaitUntilAllEndedAsync(survivors, TimeSpan.FromMinutes(1));

        var ends = await Fleet.ReadEndsAsync();
        Assert.Equal(40, ends.Count);
        Assert.All(ends.Values, end =>
        {
            Assert.Equal("done", end.Status);
            Assert.Equal(1, end.TerminalTransitions);
            Assert.Null(end.WorkItem);
        });
        Assert.All(killed, id =>
        {
            // The lost attempt counts: the reaper requeued it as attempt 2, which a survivor ran.
            Assert.Equal(2, ends[id].AttemptCount);
            Assert.Equal(1, ends[id].Requeues);
        });
        Assert.All(ends.Where(end => !killed.Contains(end.Key)), end => Assert.Equal(1, end.Value.AttemptCount));
        // Not before the lease ran out: the dead worker's lease, as it stood when it died, is what held each task.
        Assert.Equal("8 requeued after their lease, 0 before", await Fleet.ScalarAsync<string>(
            """
            SELECT count(*) FILTER (WHERE occurred_at >= @lease) || ' requeued after their lease, '
                || count(*) FILTER (WHERE occurred_at < @lease) || ' before'
            FROM task_history WHERE trigger = 'requeue' AND task_id = ANY(@killed)
            """,
            ("lease", lease), ("killed", killed.ToArray())));

        var record = new ExecutionRecord(Workers);
        record.AssertEachAttemptRanAtMostOnce();
        record.AssertNoTaskRanConcurrently(await Fleet.ReadReapedAttemptsAsync());
        Assert.Equal(ends.Values.Sum(end => end.AttemptCount), record.Executions.Count);
        Assert.All(record.Executions.Where(execution => killed.Contains(execution.TaskId) && execution.Attempt == 2), execution => Assert.StartsWith("survivor", execution.Worker, StringComparison.Ordinal));
    }
}
