namespace TaskOrchestration.Application.Common.Scheduling;

/// <summary>
/// The slot a run is for, as the job's schedule gives it. The schedule (cron expression and time zone) is the
/// scheduler's configuration, so a job that needs more of it than the instant (the daily summary reports on the
/// period since the previous slot, with dates in the schedule's zone) gets it here rather than reading the cron itself.
/// </summary>
/// <param name="At">The scheduled instant this run is for, in UTC.</param>
/// <param name="Previous">
/// The schedule's slot before <paramref name="At"/>, in UTC, whether or not it ran (missed slots collapse into the
/// latest, so this is not the previous run). Null when the schedule has no earlier slot within the eight years the
/// scheduler looks back.
/// </param>
/// <param name="TimeZone">The time zone the schedule is read in: the one its people think in.</param>
public sealed record ScheduledSlot(DateTimeOffset At, DateTimeOffset? Previous, TimeZoneInfo TimeZone);
