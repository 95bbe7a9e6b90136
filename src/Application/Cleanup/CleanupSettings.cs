namespace TaskOrchestration.Application.Cleanup;

/// <summary>How long the cleanup job keeps what it deletes (section <c>Cleanup</c>; docs/configuration.md lists the settings).</summary>
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

    /// <summary>Notifications, read or not, are deleted this long after they were written.</summary>
    public TimeSpan NotificationRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Emails that were sent, or given up on, are deleted this long after.</summary>
    public TimeSpan EmailRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Webhook deliveries that succeeded or failed are deleted this long after their last attempt.</summary>
    public TimeSpan WebhookDeliveryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The scheduler's record of runs is kept this long (each job's latest run is always kept).</summary>
    public TimeSpan ScheduleRunRetention { get; set; } = TimeSpan.FromDays(7);
}
