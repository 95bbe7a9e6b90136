using Xunit.Abstractions;
using TaskOrchestration.TestSupport;

namespace TaskOrchestration.Engine.ProcessTests;

public sealed class ParallelWorkersTests(FleetFixture fleet, ITestOutputHelper output) : FleetTest(fleet)
{
    private const int Tasks = 10_000;
    private const int MaxAttempts = 3;

    /// <summary>
    /// The run a busy host makes of the engine: three worker processes on CPUs oversubscribed by a busy thread per core
    /// for the whole run, so that every process (and PostgreSQL) gets its CPU in slices, late. What docs/engine.md
    /// promises holds: every task ends once, each attempt runs at most once, an attempt's outcome is recorded only
    /// while it holds the lease, and two attempts of a task overlap only where the reaper took the earlier one's lease.
    /// </summary>
    [Fact]
    public async Task ThreeWorkerProcesses_OnOversubscribedCpus_RunTenThousandTasks_EachAttemptOnce_EachTaskToOneEnd()
    {
        // One task in ten fails every attempt, so retries and dead tasks are part of the run.
        static bool Fails(int i) => i % 10 == 0;
        var submitted = await Fleet.SubmitAsync(Tasks, Fails, MaxAttempts);
        var started = DateTimeOffset.UtcNow;
        using (var hog = CpuHog.OnEveryCore())
        {
            await StartWorkersAsync("worker", 3, TimeSpan.FromMilliseconds(2));
            await Fleet.WaitUntilAllEndedAsync(Workers, TimeSpan.FromMinutes(5));
            output.WriteLine($"{Tasks:N0} tasks ended in {(DateTimeOffset.UtcNow - started).TotalSeconds:N0} s beside {hog.Threads} busy threads.");
        }

        var ends = await Fleet.ReadEndsAsync();
        Assert.Equal(submitted.Order(), ends.Keys.Order());
        Assert.All(ends.Values, end =>
        {
            Assert.Equal(end.TitleIsEven ? "done" : "failed", end.Status);
            // Failing tasks use every attempt. (A succeeding one may take more than one if a lease ran out while its
            // worker was starved: the engine delivers at least once; the executions are counted below either way.)
            Assert.True(end.TitleIsEven ? end.AttemptCount >= 1 : end.AttemptCount == MaxAttempts, $"{end}");
            Assert.Equal(1, end.TerminalTransitions);
            Assert.Equal(end.AttemptCount, end.Takes);
            // Each take has exactly one recorded end: a requeue (failed, or reaped) or the task's end. An outcome of a
            // stale attempt that was recorded anyway would be a second one.
            Assert.Equal(end.Takes - 1, end.Requeues);
            Assert.Null(end.WorkItem);
        });

        var reaped = await Fleet.ReadReapedAttemptsAsync();
        output.WriteLine($"{reaped.Count} attempts lost their lease to the reaper.");
        var record = new ExecutionRecord(Workers);
        record.AssertEachAttemptRanAtMostOnce();
        record.AssertNoTaskRanConcurrently(reaped);
        record.AssertAtMostAtOnceInEachProcess(int.Parse(FleetFixture.FastEngine(TimeSpan.Zero)["Worker:Concurrency"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ends.Values.Sum(end => end.AttemptCount), record.Executions.Count);
        Assert.All(record.Executions, execution => Assert.NotNull(execution.FinishedAt));
        Assert.All(Workers, worker => Assert.True(worker.Attempts.Count > 0, $"{worker.Name} ran nothing: the run was not parallel."));
    }
}
