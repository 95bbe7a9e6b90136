using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TaskOrchestration.Application.Common.Scheduling;
using TaskOrchestration.Application.Schedules;
using TaskOrchestration.Infrastructure.Engine;

namespace TaskOrchestration.Infrastructure.Scheduling;

/// <summary>
/// Runs the scheduled jobs in the worker role, each slot once across every worker process (ADR 0021). At each tick,
/// for every enabled job, the latest slot due is claimed by an insert into schedule_runs; the worker whose insert
/// wins runs the job in a scope of its own, keeps the run's heartbeat, and records how it ended. Missed slots (every
/// worker was down) collapse into the latest, which runs once. The scheduler sleeps until the next slot of any job,
/// at most <see cref="RecheckInterval"/>, and wakes when one of its runs ends: a slot held back by its job's previous
/// run (runs of a job never overlap) is taken as soon as that run ends here, or within the interval if it ran elsewhere.
/// </summary>
internal sealed partial class JobScheduler(
    ScheduleTable schedules,
    ScheduleRunStore runs,
    IServiceScopeFactory scopes,
    WorkerIdentity worker,
    TimeProvider clock,
    ILogger<JobScheduler> logger) : BackgroundService
{
    /// <summary>The error recorded for a run that the worker's shutdown cancelled.</summary>
    public const string StoppedError = "The worker stopped before the run ended.";

    /// <summary>The longest the scheduler sleeps between looks.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(10);

    // This process's runs in progress, by job: a job that runs here is not claimed again here until it ends.
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    // A signal, not a count: a run that ended wakes the loop once.
    private readonly SemaphoreSlim _runEnded = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string[] enabled = [.. schedules.Enabled.Select(schedule => schedule.Name)];
        LogStarted(logger, worker.Id, enabled);
        if (enabled.Length == 0)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await StartDueRunsAsync(stoppingToken);
                await _runEnded.WaitAsync(UntilNextLook(clock.GetUtcNow()), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            // The runs were given the same token: wait until each has recorded how it ended.
            await Task.WhenAll(_running.Values);
        }
    }

    /// <summary>
    /// One look: claims the latest due slot of each enabled job that is not running here, and starts the runs this
    /// process won. Answers those runs (each completes once its outcome is recorded).
    /// </summary>
    public async Task<IReadOnlyList<Task>> StartDueRunsAsync(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        var started = new List<Task>();
        foreach (var schedule in schedules.Enabled)
        {
            if (_running.TryGetValue(schedule.Name, out var running) && !running.IsCompleted)
            {
                continue;
            }

            if (schedule.LatestSlotAtOrBefore(now) is not { } slot || !await TryClaimAsync(schedule.Name, slot, now, stoppingToken))
            {
                continue;
            }

            var run = Task.Run(() => RunAsync(schedule, slot, stoppingToken), CancellationToken.None);
            _running[schedule.Name] = run;
            started.Add(run);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            var nextLookBy = now + UntilNextLook(now);
            LogLooked(logger, now, nextLookBy);
        }

        return started;
    }

    private async Task<bool> TryClaimAsync(string jobName, DateTimeOffset slot, DateTimeOffset now, CancellationToken stoppingToken)
    {
        try
        {
            return await runs.TryClaimAsync(jobName, slot, worker.Id, now, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The database is away: the slot is still the latest at the next look, unless a later one replaced it.
            LogClaimFailed(logger, exception, jobName, slot);
            return false;
        }
    }

    /// <summary>Runs a claimed slot and records how it ended; never throws.</summary>
    private async Task RunAsync(JobSchedule schedule, DateTimeOffset slot, CancellationToken stoppingToken)
    {
        var jobName = schedule.Name;
        LogRunStarted(logger, jobName, slot, worker.Id);
        var outcome = ScheduleRunOutcome.Succeeded;
        JobRunSummary? summary = null;
        string? error = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var job = scope.ServiceProvider.GetRequiredKeyedService<IScheduledJob>(jobName);
            summary = await job.RunAsync(schedule.ScheduledSlotAt(slot), stoppingToken);
        }
        catch (Exception exception)
        {
            outcome = ScheduleRunOutcome.Failed;
            var stopped = exception is OperationCanceledException && stoppingToken.IsCancellationRequested;
            error = stopped ? StoppedError : $"{exception.GetType().Name}: {exception.Message}";
            if (!stopped)
            {
                // A run the shutdown cut short is no error to investigate (every Ctrl-C would print a stack
                // trace): its end, logged below, says that the worker stopped.
                LogRunFailed(logger, exception, jobName, slot);
            }
        }

        try
        {
            // Recorded even while the host stops: an unrecorded end would read as running, then abandoned once this worker's lease ran out.
            await runs.FinishAsync(jobName, slot, worker.Id, outcome, summary?.Text, error, clock.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogFinishNotRecorded(logger, exception, jobName, slot);
        }

        // Not running here any more before the end is told: a look woken by it (or one that follows its log line)
        // claims the slot it held back, instead of skipping the job as still running.
        _running.TryRemove(jobName, out _);

        // A run that changed nothing (overdue detection every minute, most minutes) is not news at Information.
        var level = summary is { Changes: 0 } ? LogLevel.Debug : LogLevel.Information;
        LogRunFinished(logger, level, jobName, slot, outcome, summary?.Text ?? error);
        if (_runEnded.CurrentCount == 0)
        {
            try
            {
                _runEnded.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another run ended at the same moment: one wake-up is enough.
            }
        }
    }

    /// <summary>From <paramref name="now"/> until the next slot of any enabled job, and at most <see cref="RecheckInterval"/>.</summary>
    private TimeSpan UntilNextLook(DateTimeOffset now)
    {
        var next = schedules.Enabled.Select(schedule => schedule.NextSlotAfter(now)).Min();
        var wait = next is { } at ? at - now : RecheckInterval;
        return wait > RecheckInterval ? RecheckInterval : wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    [LoggerMessage(EventId = SchedulerLogEvents.SchedulerStarted, Level = LogLevel.Information, Message = "Scheduler of worker {WorkerId} started; enabled jobs: {Jobs}.")]
    private static partial void LogStarted(ILogger logger, string workerId, IReadOnlyList<string> jobs);

    // Every look, at Debug: when a slot passed without a run, this says whether a scheduler looked during its second
    // (a scheduler starved of CPU wakes late, and a slot with no look replaced by the next is ADR 0021's design).
    [LoggerMessage(EventId = SchedulerLogEvents.Looked, Level = LogLevel.Debug, Message = "Looked for due slots at {LookedAt}; the next look is due by {NextLookBy}.")]
    private static partial void LogLooked(ILogger logger, DateTimeOffset lookedAt, DateTimeOffset nextLookBy);

    [LoggerMessage(EventId = SchedulerLogEvents.RunStarted, Level = LogLevel.Debug, Message = "Running {Job} for slot {Slot} in worker {Runner}.")]
    private static partial void LogRunStarted(ILogger logger, string job, DateTimeOffset slot, string runner);

    [LoggerMessage(EventId = SchedulerLogEvents.RunFinished, Message = "{Job} for slot {Slot} ended: {Outcome}. {Summary}")]
    private static partial void LogRunFinished(ILogger logger, LogLevel level, string job, DateTimeOffset slot, ScheduleRunOutcome outcome, string? summary);

    [LoggerMessage(EventId = SchedulerLogEvents.RunFailed, Level = LogLevel.Error, Message = "{Job} for slot {Slot} failed.")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string job, DateTimeOffset slot);

    [LoggerMessage(EventId = SchedulerLogEvents.FinishNotRecorded, Level = LogLevel.Warning, Message = "How {Job} for slot {Slot} ended could not be recorded; it reads as running while this worker lives, then as abandoned.")]
    private static partial void LogFinishNotRecorded(ILogger logger, Exception exception, string job, DateTimeOffset slot);

    [LoggerMessage(EventId = SchedulerLogEvents.ClaimFailed, Level = LogLevel.Warning, Message = "Claiming slot {Slot} of {Job} failed; trying again at the next look.")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, string job, DateTimeOffset slot);
}
