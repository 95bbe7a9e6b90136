using Npgsql;

namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>
/// Two real worker processes race for the same slots of a job scheduled every second: the body of each slot runs in
/// exactly one of them, and a second passes without its run only when the job's previous run was still going then
/// (runs of a job never overlap, and a slot held back past the next one collapses into it: JobSchedulerTests pins
/// that down on a fake clock). The runs are counted from the processes' own logs (event 7010: a run's body starts)
/// and checked against what the database recorded.
/// </summary>
public sealed class ScheduledJobProcessTests(FleetFixture fleet) : FleetTest(fleet)
{
    private const string Job = "overdue-detection";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8);

    private static readonly Dictionary<string, string> EverySecond = new(StringComparer.Ordinal)
    {
        [$"Schedules:{Job}:Cron"] = "* * * * * *",
        [$"Schedules:{Job}:Enabled"] = "true",
        // A run's start, and the end of a run that changed nothing, are Debug.
        ["Logging:LogLevel:TaskOrchestration.Infrastructure.Scheduling"] = "Debug",
        // Nothing to claim here: idle workers need not poll twenty times a second.
        ["Worker:PollInterval"] = "00:00:01",
    };

    [Fact]
    public async Task TwoWorkerProcesses_RunEachPerSecondSlotOnce_AndSkipAFreeOneOnlyWhenStalled()
    {
        var workers = await StartWorkersAsync("scheduler", 2, TimeSpan.Zero, EverySecond);
        // A process's first run compiles the job's queries, which on a busy machine takes seconds; runs of a job do
        // not overlap, so slots would pass meanwhile. The window starts once each process has ended a run.
        await WaitUntilEachRanAsync(workers, TimeSpan.FromSeconds(90));
        var first = WholeSecondAfter(DateTimeOffset.UtcNow).AddSeconds(1);
        var last = first + Window;
        var slots = Enumerable.Range(0, (int)Window.TotalSeconds + 1).Select(second => first.AddSeconds(second)).ToList();

        await WaitUntilRecordedAsync(workers, first, last, TimeSpan.FromSeconds(60));

        var starts = workers.SelectMany(worker => worker.ScheduledRuns).Where(run => run.IsStart && run.Job == Job).ToList();
        var twice = starts.GroupBy(run => run.Slot).Where(group => group.Count() > 1).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} slots ran more than once, for example {twice.FirstOrDefault()?.Key:O} in {string.Join(", ", twice.FirstOrDefault()?.Select(run => run.Worker) ?? [])}.");
        var ranInWindow = starts.Where(run => run.Slot >= first && run.Slot <= last).Select(run => run.Slot).Order().ToList();

        var recorded = await RecordedAsync(first.AddSeconds(-1), last);
        var recordedInWindow = recorded.Where(run => run.Slot >= first).ToList();
        Assert.Equal(ranInWindow, recordedInWindow.Select(run => run.Slot));
        Assert.NotEmpty(recordedInWindow);
        // On a busy machine a run can outlast a second; the slot it held back is then run late or replaced by the
        // next. And a scheduler claims the latest slot due when it wakes, so if both processes were stalled for the
        // whole second of a slot (CI's two cores, a garbage collection), that slot is replaced by the next by design
        // (ADR 0021). One such second in the window is tolerated; more means the schedulers do not wake for slots.
        var unexplained = slots.Except(ranInWindow)
            .Where(missed => recorded.LastOrDefault(run => run.Slot < missed) is not { FinishedAt: { } finishedAt } || finishedAt <= missed)
            .ToList();
        Assert.True(
            unexplained.Count <= 1,
            $"{unexplained.Count} slots were not run while no run of the job was still going: {string.Join(", ", unexplained.Select(slot => slot.ToString("O", System.Globalization.CultureInfo.InvariantCulture)))}.");

        Assert.All(recordedInWindow, run => Assert.Equal("succeeded", run.Outcome));
        Assert.All(recorded, run => Assert.Contains(run.Runner, workers.Select(worker => worker.WorkerId)));
        Assert.All(workers, worker => Assert.False(worker.HasExited, worker.Output));
    }

    private static async Task WaitUntilEachRanAsync(IReadOnlyList<WorkerProcess> workers, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!workers.All(worker => worker.ScheduledRuns.Any(run => !run.IsStart)))
        {
            if (workers.FirstOrDefault(worker => worker.HasExited) is { } dead)
            {
                Assert.Fail($"{dead.Name} exited: {dead.Output}");
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Not every process won a slot within {timeout}: {string.Join(", ", workers.Select(worker => $"{worker.Name} ran {worker.ScheduledRuns.Count(run => run.IsStart)}"))}.");
            }

            await Task.Delay(100);
        }
    }

    private static DateTimeOffset WholeSecondAfter(DateTimeOffset time) =>
        new DateTimeOffset(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);

    /// <summary>
    /// Waits until a slot after the window has ended in the database, and the logs account for every run the database
    /// recorded in the window (a log line crosses a pipe some time after its statement commits); fails if a worker
    /// process died, or after <paramref name="timeout"/>.
    /// </summary>
    private async Task WaitUntilRecordedAsync(IReadOnlyList<WorkerProcess> workers, DateTimeOffset first, DateTimeOffset last, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (workers.FirstOrDefault(worker => worker.HasExited) is { } dead)
            {
                Assert.Fail($"{dead.Name} exited: {dead.Output}");
            }

            var ended = await Fleet.ScalarAsync<long>(
                "SELECT count(*) FROM schedule_runs WHERE job = @job AND slot > @last AND finished_at IS NOT NULL",
                ("job", Job),
                ("last", last));
            var recorded = await Fleet.ScalarAsync<long>(
                "SELECT count(*) FROM schedule_runs WHERE job = @job AND slot BETWEEN @first AND @last",
                ("job", Job),
                ("first", first),
                ("last", last));
            var logged = workers.Sum(worker => worker.ScheduledRuns.Count(run => run.IsStart && run.Slot >= first && run.Slot <= last));
            if (ended > 0 && logged >= recorded)
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"The slots after {last:O} were not run and logged within {timeout}: {string.Join(Environment.NewLine, workers.Select(worker => worker.Output))}");
            }

            await Task.Delay(250);
        }
    }

    private async Task<List<RecordedRun>> RecordedAsync(DateTimeOffset first, DateTimeOffset last)
    {
        await using var connection = await Fleet.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT slot, runner, outcome, finished_at FROM schedule_runs WHERE job = @job AND slot BETWEEN @first AND @last ORDER BY slot",
            connection);
        command.Parameters.AddWithValue("job", Job);
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("last", last);
        var runs = new List<RecordedRun>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            runs.Add(new RecordedRun(
                reader.GetFieldValue<DateTimeOffset>(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return runs;
    }

    private sealed record RecordedRun(DateTimeOffset Slot, string Runner, string? Outcome, DateTimeOffset? FinishedAt);
}
