using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Schedules;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Scheduling;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Scheduling;

/// <summary>
/// The scheduler on real PostgreSQL, with several instances (each a worker with its own id) sharing one database as
/// worker processes do: each slot's body runs once, failures are recorded, missed slots collapse, runs of a job do
/// not overlap, a dead runner's slot is abandoned.
/// </summary>
public sealed class JobSchedulerTests(DatabaseFixture fixture) : DatabaseTest(fixture), IDisposable
{
    private const string EveryFiveMinutes = "*/5 * * * *";
    private readonly JobProbe _probe = new();
    private readonly RecordingLoggerProvider _log = new();
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task SchedulersRacingForEachSlot_RunItsBodyExactlyOnce()
    {
        var clock = new FakeTimeProvider(Now.AddMinutes(2));
        var schedulers = Enumerable.Range(0, 6).Select(_ => Scheduler(clock)).ToList();
        const int Slots = 5;

        for (var slot = 0; slot < Slots; slot++)
        {
            var looks = await Task.WhenAll(schedulers.Select(scheduler => Task.Run(() => scheduler.Scheduler.StartDueRunsAsync(CancellationToken.None))));
            Assert.Equal(1, looks.Sum(started => started.Count));
            await Task.WhenAll(looks.SelectMany(started => started));
            clock.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(Slots, _probe.Executions);
        var runs = await RunsAsync();
        Assert.Equal(Enumerable.Range(0, Slots).Select(slot => Now.AddMinutes(5 * slot)), runs.Select(run => run.Slot));
        Assert.All(runs, run => Assert.Equal((ScheduleRunOutcome?)ScheduleRunOutcome.Succeeded, run.Outcome));
        Assert.All(runs, run => Assert.Equal("ran", run.Summary));
        Assert.All(runs, run => Assert.Contains(run.Runner, schedulers.Select(scheduler => scheduler.WorkerId)));
    }

    [Fact]
    public async Task AFailingRun_IsRecordedFailedWithItsError_AndTheNextSlotStillRuns()
    {
        var clock = new FakeTimeProvider(Now.AddMinutes(1));
        var (scheduler, workerId) = Scheduler(clock);
        _probe.Body = (slot, _) => slot == Now ? throw new InvalidOperationException("The disk is full.") : Task.FromResult("ran");

        await Task.WhenAll(await scheduler.StartDueRunsAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(5));
        await Task.WhenAll(await scheduler.StartDueRunsAsync(CancellationToken.None));

        var runs = await RunsAsync();
        Assert.Equal(2, runs.Count);
        Assert.Equal((Now, ScheduleRunOutcome.Failed, "InvalidOperationException: The disk is full.", workerId), (runs[0].Slot, runs[0].Outcome!.Value, runs[0].Error, runs[0].Runner));
        Assert.Null(runs[0].Summary);
        Assert.NotNull(runs[0].FinishedAt);
        Assert.Equal((Now.AddMinutes(5), ScheduleRunOutcome.Succeeded, (string?)null), (runs[1].Slot, runs[1].Outcome!.Value, runs[1].Error));
    }

    [Fact]
    public async Task ARunThatChangedNothing_IsLoggedAtDebugOnly_AndOneThatChangedSomethingAtInformation()
    {
        var clock = new FakeTimeProvider(Now.AddMinutes(1));
        var (scheduler, _) = Scheduler(clock);

        _probe.Changes = 0;
        await Task.WhenAll(await scheduler.StartDueRunsAsync(CancellationToken.None));
        var quiet = SchedulerEntries().ToList();
        _probe.Changes = 3;
        clock.Advance(TimeSpan.FromMinutes(5));
        await Task.WhenAll(await scheduler.StartDueRunsAsync(CancellationToken.None));

        // A job every minute that finds nothing to do leaves the console quiet at Information.
        Assert.All(quiet, entry => Assert.Equal(LogLevel.Debug, entry.Level));
        Assert.Contains(quiet, entry => entry.EventId == SchedulerLogEvents.RunFinished);
        Assert.Contains(SchedulerEntries().Skip(quiet.Count), entry => entry.EventId == SchedulerLogEvents.RunFinished && entry.Level == LogLevel.Information);
    }

    [Fact]
    public async Task SlotsMissedWhileEveryWorkerWasDown_RunOnce_AsTheLatest()
    {
        var clock = new FakeTimeProvider(Now.AddMinutes(2));
        var (scheduler, _) = Scheduler(clock);
        await Task.WhenAll(await scheduler.StartDueRunsAsync(CancellationToken.None));

        // Down from 09:02 to 09:19: the 09:05, 09:10 and 09:15 slots passed.
        clock.Advance(TimeSpan.FromMinutes(17));
        await Task.WhenAll(await scheduler.StartDueRunsAsync(CancellationToken.None));
        Assert.Empty(await scheduler.StartDueRunsAsync(CancellationToken.None));

        Assert.Equal([Now, Now.AddMinutes(15)], (await RunsAsync()).Select(run => run.Slot));
        Assert.Equal([Now, Now.AddMinutes(15)], _probe.Slots);
        // Each run is told the schedule's slot before its own, not the previous run: the 09:15 run's is 09:10.
        Assert.Equal([Now.AddMinutes(-5), Now.AddMinutes(10)], _probe.Told.Select(told => told.Previous));
        Assert.All(_probe.Told, told => Assert.Equal(TimeZoneInfo.Utc.Id, told.TimeZone.Id));
    }

    [Fact]
    public async Task AWorkerWhoseClockLags_DoesNotRunASlotThatALaterOneReplaced()
    {
        var (ahead, _) = Scheduler(new FakeTimeProvider(Now.AddMinutes(15).AddSeconds(10)));
        var (behind, _) = Scheduler(new FakeTimeProvider(Now.AddMinutes(14).AddSeconds(50)));

        await Task.WhenAll(await ahead.StartDueRunsAsync(CancellationToken.None));

        Assert.Empty(await behind.StartDueRunsAsync(CancellationToken.None));
        Assert.Equal([Now.AddMinutes(15)], _probe.Slots);
    }

    [Fact]
    public async Task ARunInProgress_HoldsBackTheNextSlotOfItsJob_UntilItEnds()
    {
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _probe.Body = (slot, _) => slot == Now ? release.Task : Task.FromResult("ran");
        var (first, _) = Scheduler(new FakeTimeProvider(Now.AddMinutes(4).AddSeconds(50)));
        var secondClock = new FakeTimeProvider(Now.AddMinutes(5).AddSeconds(10));
        var (second, _) = Scheduler(secondClock);

        var slow = Assert.Single(await first.StartDueRunsAsync(CancellationToken.None));
        Assert.Empty(await second.StartDueRunsAsync(CancellationToken.None));

        release.SetResult("done at last");
        await slow;
        await Task.WhenAll(await second.StartDueRunsAsync(CancellationToken.None));

        Assert.Equal([Now, Now.AddMinutes(5)], (await RunsAsync()).Select(run => run.Slot));
    }

    [Fact]
    public async Task ASlotWhoseRunnerDied_HoldsBackTheNextSlot_UntilItsWorkersLeaseRanOut_ThenReadsAsAbandoned_AndIsNotRunAgain()
    {
        // A worker claimed 09:00, its lease was last renewed until 09:06, and it was killed.
        await ExecuteAsync(
            """
            INSERT INTO workers (id, host, process_id, kinds, concurrency, started_at, last_seen_at, lease_until)
            VALUES ('dead-worker', 'host', 1, '{}', 1, @slot, @slot, @leaseUntil)
            """,
            ("slot", Now),
            ("leaseUntil", Now.AddMinutes(6)));
        await ExecuteAsync("INSERT INTO schedule_runs (job, slot, runner, started_at) VALUES ('probe', @slot, 'dead-worker', @slot)", ("slot", Now));
        var clock = new FakeTimeProvider(Now.AddSeconds(50));
        var (scheduler, _) = Scheduler(clock);
        Assert.Equal(ScheduleRunOutcome.Running, (await LastRunAsync(clock.GetUtcNow())).Outcome);

        // 09:05 is due, but the lease still holds the 09:00 run: runs of one job never overlap.
        clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(20));
        Assert.Empty(await scheduler.StartDueRunsAsync(CancellationToken.None));
        Assert.Equal(ScheduleRunOutcome.Running, (await LastRunAsync(clock.GetUtcNow())).Outcome);

        // Once the lease ran out the run reads as abandoned, and the latest slot (09:05, not 09:00 again) runs.
        clock.Advance(TimeSpan.FromMinutes(1));
        var abandoned = await LastRunAsync(clock.GetUtcNow());
        Assert.Equal((Now, ScheduleRunOutcome.Abandoned, "dead-worker", (DateTimeOffset?)null), (abandoned.Slot, abandoned.Outcome, abandoned.Runner, abandoned.FinishedAt));
        await Task.WhenAll(await scheduler.StartDueRunsAsync(CancellationToken.None));

        Assert.Equal([Now.AddMinutes(5)], _probe.Slots);
        Assert.Equal(ScheduleRunOutcome.Succeeded, (await LastRunAsync(clock.GetUtcNow())).Outcome);
    }

    [Fact]
    public async Task ARunOfThisWorker_WhoseEndWasNotRecorded_DoesNotHoldBackItsJobHere_WhileItsLeaseLives()
    {
        // This worker ran 09:00 and could not record its end (the database was away just then); its lease lives on.
        var clock = new FakeTimeProvider(Now.AddMinutes(5).AddSeconds(10));
        var (scheduler, workerId) = Scheduler(clock);
        await ExecuteAsync(
            """
            INSERT INTO workers (id, host, process_id, kinds, concurrency, started_at, last_seen_at, lease_until)
            VALUES (@id, 'host', 1, '{}', 1, @slot, @slot, @leaseUntil)
            """,
            ("id", workerId),
            ("slot", Now),
            ("leaseUntil", Now.AddHours(1)));
        await ExecuteAsync("INSERT INTO schedule_runs (job, slot, runner, started_at) VALUES ('probe', @slot, @runner, @slot)", ("slot", Now), ("runner", workerId));

        await Task.WhenAll(await scheduler.StartDueRunsAsync(CancellationToken.None));

        Assert.Equal([Now.AddMinutes(5)], _probe.Slots);
    }

    [Fact]
    public async Task ARunCutShortByTheWorkersShutdown_IsRecordedFailed_ButNotLoggedAsAnError()
    {
        _probe.Body = async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return "never";
        };
        var (scheduler, _) = Scheduler(new FakeTimeProvider(Now.AddMinutes(1)));
        using var stopping = new CancellationTokenSource();

        var run = Assert.Single(await scheduler.StartDueRunsAsync(stopping.Token));
        await stopping.CancelAsync();
        await run;

        var recorded = Assert.Single(await RunsAsync());
        Assert.Equal((ScheduleRunOutcome.Failed, JobScheduler.StoppedError), (recorded.Outcome!.Value, recorded.Error));
        // Every Ctrl-C during a run would print an error and its stack trace otherwise.
        Assert.DoesNotContain(SchedulerEntries(), entry => entry.Level >= LogLevel.Error);
        Assert.Contains(SchedulerEntries(), entry => entry.EventId == SchedulerLogEvents.RunFinished && entry.Level == LogLevel.Information);
    }

    [Fact]
    public async Task ADisabledJob_IsListedWithoutANextRun_AndNeverRuns()
    {
        var clock = new FakeTimeProvider(Now.AddMinutes(1));
        var (scheduler, _) = Scheduler(clock, ($"Schedules:{ProbeJob.JobName}:Enabled", "false"), ($"Schedules:{ProbeJob.JobName}:TimeZone", "Europe/Paris"));

        Assert.Empty(await scheduler.StartDueRunsAsync(CancellationToken.None));

        var listed = Assert.Single(await MonitorAsync(clock.GetUtcNow()));
        Assert.Equal((ProbeJob.JobName, EveryFiveMinutes, "Europe/Paris", false), (listed.Name, listed.Cron, listed.TimeZone, listed.Enabled));
        Assert.Null(listed.NextRunAt);
        Assert.Null(listed.LastRun);
        Assert.Equal(0, _probe.Executions);
    }

    [Fact]
    public void AJobWithoutASchedule_OrWithAWrongOne_StopsTheHost()
    {
        var provider = Services(new FakeTimeProvider(Now), ($"Schedules:{ProbeJob.JobName}:Cron", ""), ("Schedules:daily-summary:TimeZone", "Nowhere/Else"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ScheduleOptions>>().Value);

        Assert.Contains("Schedules:probe:Cron is not set.", error.Failures);
        Assert.Contains("Schedules:daily-summary:Cron is not set.", error.Failures);
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    /// <summary>A scheduler of its own worker (one provider is one worker process), with the probe job every five minutes.</summary>
    private (JobScheduler Scheduler, string WorkerId) Scheduler(FakeTimeProvider clock, params (string Key, string Value)[] settings)
    {
        var provider = Services(clock, [($"Schedules:{ProbeJob.JobName}:Cron", EveryFiveMinutes), .. settings]);
        return (provider.GetRequiredService<JobScheduler>(), provider.GetRequiredService<WorkerIdentity>().Id);
    }

    private ServiceProvider Services(FakeTimeProvider clock, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["ConnectionStrings:Default"] = Database.ConnectionString };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var provider = InfrastructureServices.Build(values, configure: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(_probe);
            services.AddScheduledJob<ProbeJob>(ProbeJob.JobName);
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(_log));
        });
        _providers.Add(provider);
        return provider;
    }

    private IEnumerable<(string Category, int EventId, LogLevel Level)> SchedulerEntries() =>
        _log.Entries.Where(entry => entry.Category == typeof(JobScheduler).FullName);

    private async Task<IReadOnlyList<ScheduleDto>> MonitorAsync(DateTimeOffset now)
    {
        await using var scope = _providers[^1].CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IScheduleMonitor>().ListAsync(now, CancellationToken.None);
    }

    private async Task<ScheduleRunDto> LastRunAsync(DateTimeOffset now) =>
        Assert.Single(await MonitorAsync(now)).LastRun ?? throw new InvalidOperationException("The probe job has no run.");

    private async Task<List<ScheduleRun>> RunsAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.ScheduleRuns.AsNoTracking().Where(run => run.Job == ProbeJob.JobName).OrderBy(run => run.Slot).ToListAsync();
    }
}
