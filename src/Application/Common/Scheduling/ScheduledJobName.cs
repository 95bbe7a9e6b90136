namespace TaskOrchestration.Application.Common.Scheduling;

/// <summary>
/// A registered job's stable name ("overdue-detection"): its configuration key, its name in GET /api/v1/schedules
/// and its key in the container. Known without making the job, so that the schedules are checked at start without
/// building every job's dependencies.
/// </summary>
public sealed record ScheduledJobName(string Value);
