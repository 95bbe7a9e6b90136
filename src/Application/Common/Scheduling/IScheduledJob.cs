namespace TaskOrchestration.Application.Common.Scheduling;

/// <summary>
/// Work the scheduler runs on a cron schedule (<c>Schedules:{Name}:Cron</c>), once per slot across every worker
/// process: overdue detection, daily summaries, cleanup. Registered under its name (<c>AddScheduledJob</c>) and
/// resolved by it, in a scope of its own, for each run.
/// </summary>
public interface IScheduledJob
{
    /// <summary>Runs the slot due (<see cref="ScheduledSlot.At"/>); answers what it did, or throws.</summary>
    Task<JobRunSummary> RunAsync(ScheduledSlot slot, CancellationToken cancellationToken);
}
