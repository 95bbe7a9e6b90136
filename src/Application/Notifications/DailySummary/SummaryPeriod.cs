namespace TaskOrchestration.Application.Notifications.DailySummary;

/// <summary>What one slot of the daily summary reports on: the completions in [<see cref="Since"/>, <see cref="Until"/>), as of <see cref="Until"/>.</summary>
/// <param name="Since">Where the period starts: the schedule's previous slot.</param>
/// <param name="Until">Where it ends: the slot being run, the "now" that open tasks are overdue at.</param>
/// <param name="TimeZone">The schedule's time zone, which the summary writes its dates in.</param>
public sealed record SummaryPeriod(DateTimeOffset Since, DateTimeOffset Until, TimeZoneInfo TimeZone);
