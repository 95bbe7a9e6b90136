namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>
/// A worker process that cannot run for longer than its leases (frozen by SIGSTOP here; a machine starved of CPU
/// does the same more slowly) is the one case where two attempts of a task run at once. What still holds: the
/// reaper gives its tasks to another worker only after their lease ran out, each task ends once, the stalled
/// attempts' outcomes count for nothing, and once the process runs again it cancels those handlers and goes on.
/// </summary>
public sealed class StalledWorkerTests(FleetFixture fleet) : FleetTest(fleet)
{
    [Fact]
    public async Task WorkerFrozenPastItsLeases_ItsTasksEndElsewhereOnce_AndOnThawItCancelsTheStaleAttemptsAndClaimsAgain()
    {
        await Fleet.SubmitAsync(8, _ => false, maxAttempts: 3);
        // Its handlers take a minute, longer than it stays frozen: whatever it claims is mid-run throughout.
        var stalled = (await StartWorkersAsync("stalled", 1, TimeSpan.FromMinutes(1)))[0];
        await WaitUntilAsync(() => stalled.Attempts.Count(e => e.IsStart) == 8, "the stalled worker to start 8 attempts");

        stalled.Freeze();
        var survivor = (await StartWorkersAsync("survivor", 1, TimeSpan.FromMilliseconds(20)))[0];
        await Fleet.WaitUntilAllEndedAsync([survivor], TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(stalled.Attempts, e => !e.IsStart);

        stalled.Thaw();
        // Its next heartbeat finds the leases gone (or its fence finds them expired): every handler is cancelled.
        await WaitUntilAsync(() => stalled.Attempts.Count(e => !e.IsStart) == 8, "the thawed worker to end its 8 attempts");
        Assert.All(stalled.Attempts.Where(e => !e.IsStart), e => Assert.Equal("cancelled", e.Outcome));

        var ends = await Fleet.ReadEndsAsync();
        Assert.Equal(8, ends.Count);
        Assert.All(ends.Values, end =>
        {
            Assert.Equal("done", end.Status);
            Assert.Equal(1, end.TerminalTransitions);
            // The stalled attempt counts (the reaper requeued it), and the survivor's second one completed the task.
            Assert.Equal(2, end.AttemptCount);
            Assert.Equal(1, end.Requeues);
            Assert.Null(end.WorkItem);
        });
        var reaped = await Fleet.ReadReapedAttemptsAsync();
        Assert.Equal(ends.Keys.Select(id => (id, 1)).ToHashSet(), reaped);

        var record = new ExecutionRecord(Workers);
        record.AssertEachAttemptRanAtMostOnce();
        // The overlap is real: each second attempt began in the survivor while the first still ran, frozen.
        Assert.All(record.Executions.Where(execution => execution.Attempt == 2), execution => Assert.Equal(survivor.Name, execution.Worker));
        Assert.All(
            record.Executions.Where(execution => execution.Attempt == 1),
            first => Assert.True(first.FinishedAt > record.Executions.Single(second => second.TaskId == first.TaskId && second.Attempt == 2).StartedAt));
        // And it is the only kind allowed.
        record.AssertNoTaskRanConcurrently(reaped);

        // The thawed worker claims again: with the survivor gone, new work is its own.
        await survivor.KillAsync();
        await Fleet.SubmitAsync(8, _ => false, maxAttempts: 3);
        await WaitUntilAsync(() => stalled.Attempts.Count(e => e.IsStart) == 16, "the thawed worker to start 8 new attempts");
    }
}
