namespace TaskOrchestration.Application.Common.Scheduling;

/// <summary>
/// Work the scheduler runs on a cron schedule (<c>Schedules:{Name}:Cron</c>), once per slot across every worker
/// process: overdue detection, daily summaries, cleanup. Resolved in a scope of its own for each run.
/// </summary>
public interface IScheduledJob
{
    /// <summary>The job's stable name ("overdue-detection"): its configuration key and its name in GET /api/v1/schedules.</summary>
    string Name { get; }

    /// <summary>Runs the slot due (<see cref="ScheduledSlot.At"/>); answers what it did, or throws.</summary>
    Task<JobRunSummary> RunAsync(ScheduledSlot slot, CancellationToken cancellationToken);
}
