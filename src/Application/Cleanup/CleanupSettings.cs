namespace TaskOrchestration.Application.Cleanup;

/// <summary>How long the cleanup job keeps what it deletes (section <c>Cleanup</c>; README lists the settings).</summary>
public sealed class CleanupSettings
{
    public const string SectionName = "Cleanup";

    /// <summary>Archived tasks are deleted (with their comments, history and assignees) this long after they were archived.</summary>
    public TimeSpan ArchivedTaskRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Processed outbox events, and the consumers' records of the events they consumed, are deleted this long after
    /// they were processed (consumed).
    /// </summary>
    public TimeSpan ProcessedEventRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The scheduler's record of runs is kept this long (each job's latest run is always kept).</summary>
    public TimeSpan ScheduleRunRetention { get; set; } = TimeSpan.FromDays(7);
}
