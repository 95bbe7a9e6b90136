using Npgsql;

namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>
/// Two real worker processes race for the same slots of a job scheduled every second: the body of each slot runs in
/// exactly one of them, and a second passes without its run only when the job's previous run was still going then
/// (runs of a job never overlap, and a slot held back past the next one collapses into it: JobSchedulerTests pins
/// that down on a fake clock) or when no scheduler looked during it (a machine starved of CPU wakes them late). The
/// runs are counted from the processes' own logs (7010: a run's body starts; 7011: it ended; 7002: a look) and
/// checked against what the database recorded. Nothing here depends on how fast the machine is.
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

        var recorded = await RecordedAsync(first.AddMinutes(-1), last);
        var recordedInWindow = recorded.Where(run => run.Slot >= first).ToList();
        Assert.Equal(ranInWindow, recordedInWindow.Select(run => run.Slot));
        Assert.NotEmpty(recordedInWindow);
        // The schedulers mean to wake for every slot: each look plans the next by the next second.
        var looks = workers.SelectMany(worker => worker.SchedulerLooks).ToList();
        var sleepy = looks.Where(look => look.NextLookBy > WholeSecondAfter(look.LookedAt)).ToList();
        Assert.True(sleepy.Count == 0, $"{sleepy.Count} looks planned the next after the next slot, for example {sleepy.FirstOrDefault()}.");

        // A slot passes without its run when the job's previous run was still going then, or when no scheduler looked
        // during its second: a scheduler starved of CPU wakes late and claims the latest slot due, and the one it
        // slept through is replaced by design (ADR 0021). Under any load, then, a slot is never lost to a look that
        // came while the job was free: one after the previous run's end was logged (so its end was committed and it
        // no longer ran here), in the slot's second, whose claim was sent before the next slot was claimed.
        var ends = workers.SelectMany(worker => worker.ScheduledRuns).Where(run => !run.IsStart && run.Job == Job).ToList();
        var unexplained = new List<string>();
        foreach (var missed in slots.Except(ranInWindow))
        {
            if (recorded.LastOrDefault(run => run.Slot < missed) is not { FinishedAt: { } finishedAt } previous || finishedAt > missed)
            {
                continue;
            }

            var endLogged = ends.First(end => end.Slot == previous.Slot).At;
            var nextClaimed = recorded.FirstOrDefault(run => run.Slot > missed)?.StartedAt ?? DateTimeOffset.MaxValue;
            var freeLook = looks.FirstOrDefault(look =>
                look.LookedAt >= missed && look.LookedAt < missed.AddSeconds(1) && look.LookedAt > endLogged && look.DoneAt < nextClaimed);
            if (freeLook is not null)
            {
                unexplained.Add($"{missed:O} (looked at {freeLook.LookedAt:O} in {freeLook.Worker}, the previous run's end logged at {endLogged:O})");
            }
        }

        Assert.True(unexplained.Count == 0, $"Slots not run although a scheduler looked while the job was free: {string.Join(", ", unexplained)}.");
        Assert.Contains(looks, look => look.LookedAt >= first && look.LookedAt <= last);

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
            // Ends too, from a minute before the window: a slot missed in it is judged against its previous run's end.
            var finished = await Fleet.ScalarAsync<long>(
                "SELECT count(*) FROM schedule_runs WHERE job = @job AND slot BETWEEN @since AND @last AND finished_at IS NOT NULL",
                ("job", Job),
                ("since", first.AddMinutes(-1)),
                ("last", last));
            var endsLogged = workers.Sum(worker => worker.ScheduledRuns.Count(run => !run.IsStart && run.Slot >= first.AddMinutes(-1) && run.Slot <= last));
            if (ended > 0 && logged >= recorded && endsLogged >= finished)
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
            "SELECT slot, runner, outcome, finished_at, started_at FROM schedule_runs WHERE job = @job AND slot BETWEEN @first AND @last ORDER BY slot",
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
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return runs;
    }

    /// <summary>A run as the database recorded it; <paramref name="StartedAt"/> is the time of the look that claimed it.</summary>
    private sealed record RecordedRun(DateTimeOffset Slot, string Runner, string? Outcome, DateTimeOffset? FinishedAt, DateTimeOffset StartedAt);
}
