namespace TaskOrchestration.Engine.ProcessTests;

public sealed class ParallelWorkersTests(FleetFixture fleet) : FleetTest(fleet)
{
    private const int Tasks = 10_000;
    private const int MaxAttempts = 3;
    [Fact]
    public async Task ThreeWorkerProcesses_RunTenThousandTasks_EachAttemptOnce_EachTaskToOneEnd()
    {
        // One task in ten fails every attempt, so retries and dead tasks are part of the run.
        static bool Fails(int i) => i % 10 == 0;
        var submitted = await Fleet.SubmitAsync(Tasks, Fails, MaxAttempts);
        await StartWorkersAsync("worker", 3, TimeSpan.FromMilliseconds(2));

        await Fleet.WaitUntilAllEndedAsync(Workers, TimeSpan.FromMinutes(4));

        var ends = await Fleet.ReadEndsAsync();
        Assert.Equal(submitted.Order(), ends.Keys.Order());
        Assert.All(ends.Values, end =>
        {
            Assert.Equal(end.TitleIsEven ? "done" : "failed", end.Status);
            // Failing tasks use every attempt. (A succeeding one may take more than one only if a lease ran out on an
            // overloaded machine: the engine delivers at least once; the executions are counted below either way.)
            Assert.True(end.TitleIsEven ? end.AttemptCount >= 1 : end.AttemptCount == MaxAttempts, $"{end}");
            Assert.Equal(1, end.TerminalTransitions);
            Assert.Equal(end.AttemptCount, end.Takes);
            Assert.Null(end.LeasedBy);
        });

        var record = new ExecutionRecord(Workers);
        record.AssertEachAttemptRanAtMostOnce();
        record.AssertNoTaskRanConcurrently(await Fleet.ReadReapedAttemptsAsync());
        record.AssertAtMostAtOnceInEachProcess(int.Parse(FleetFixture.FastEngine(TimeSpan.Zero)["Worker:Concurrency"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ends.Values.Sum(end => end.AttemptCount), record.Executions.Count);
        Assert.All(record.Executions, execution => Assert.NotNull(execution.FinishedAt));
        Assert.All(Workers, worker => Assert.True(worker.Attempts.Count > 0, $"{worker.Name} ran nothing: the run was not parallel."));
    }
}
